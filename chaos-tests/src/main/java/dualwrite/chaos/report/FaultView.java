package dualwrite.chaos.report;

/** A fault of the run, and whether it landed: {@code landed} or {@code missed}. */
record FaultView(String step, String kind, String outcome, String evidence) {}
