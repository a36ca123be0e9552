package dualwrite.chaos.report;

record CountView(String name, long value) {}
