package dualwrite.chaos.report;

record Totals(int committed, int published, int checked) {}
