package dualwrite.chaos.report;

/** A fault's window on the run page: from when to when, and what ended it. */
record WindowView(String fault, String kind, String from, String to, String endedBy) {}
