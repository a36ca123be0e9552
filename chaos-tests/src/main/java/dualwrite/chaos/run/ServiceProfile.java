package dualwrite.chaos.run;

import dualwrite.bank.Component;
import java.util.List;

/** A service a variant deploys, and the names of its crash points. */
public record ServiceProfile(String name, Component component, List<String> crashPoints) {}
