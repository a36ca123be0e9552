package dualwrite.chaos.report;

record OtherView(
    String pair,
    String scenario,
    String word,
    String tone,
    String counts,
    String runId,
    String href) {}
