package dualwrite.chaos.report;

import java.util.List;

/** A row of the matrix: a verdict ({@code ❌ lost 1}) per scenario, empty when not run. */
record VerdictRow(String pair, List<String> verdicts) {}
