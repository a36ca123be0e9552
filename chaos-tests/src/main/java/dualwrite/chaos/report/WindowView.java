package dualwrite.chaos.report;

record WindowView(String fault, String kind, String from, String to, String endedBy) {}
