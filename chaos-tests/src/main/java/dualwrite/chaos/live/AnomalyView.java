package dualwrite.chaos.live;

import java.util.List;
import java.util.UUID;

public record AnomalyView(
    String label, String meaning, boolean invalidates, List<UUID> transactions) {}
