package dualwrite.chaos.report;

/** {@code smallest}: the smallest counterexample and its size, or {@code none}. */
record GeneratedLine(GeneratedView runs, String smallest) {}
