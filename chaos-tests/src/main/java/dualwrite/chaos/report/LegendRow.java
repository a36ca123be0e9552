package dualwrite.chaos.report;

record LegendRow(String label, String meaning, String invalidates) {}
