package dualwrite.chaos.report;

record Card(String value, String label, String tone) {}
