package dualwrite.chaos.report;

record FileView(String name, String href) {}
