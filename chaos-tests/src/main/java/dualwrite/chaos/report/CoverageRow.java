package dualwrite.chaos.report;

/**
 * A crash point or fault kind, armed how often and reached or landed how often; {@code tone} is
 * {@code short} when it falls below the suites' bar.
 */
record CoverageRow(String what, int armed, int hit, String tone) {}
