package dualwrite.chaos.report;

/** A button that picks out the message flows of the transactions an anomaly hit. */
record FilterView(String anomaly, int transactions) {}
