package dualwrite.chaos.report;

/** What the truth holds at the end of a run: committed, published, checked. */
record Totals(int committed, int published, int checked) {}
