package dualwrite.chaos.report;

/** A run outside the catalogue and the generated runs, listed on the front page. */
record OtherView(
    String pair,
    String scenario,
    String word,
    String tone,
    String counts,
    String runId,
    String href) {}
