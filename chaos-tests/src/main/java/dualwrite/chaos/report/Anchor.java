package dualwrite.chaos.report;

/** A link to a run on the front page: its label, its page, and a line about it. */
record Anchor(String label, String href, String detail) {}
