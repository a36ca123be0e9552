package dualwrite.chaos.report;

record Anchor(String label, String href, String detail) {}
