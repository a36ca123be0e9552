package dualwrite.chaos.report;

/** A headline number on the front page, with what it counts and its colour. */
record Card(String value, String label, String tone) {}
