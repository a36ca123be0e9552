package dualwrite.chaos.report;

/** An anomaly in the front page's legend: its label, its meaning, whether it breaks a promise. */
record LegendRow(String label, String meaning, String invalidates) {}
