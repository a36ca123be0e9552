package dualwrite.chaos.report;

/** A count of the run page's counts table: {@code committed 30}. */
record CountView(String name, long value) {}
