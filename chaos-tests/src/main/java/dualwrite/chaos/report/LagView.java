package dualwrite.chaos.report;

/** A delivery lag on the run page: from the commit to {@code name}, its count and quantiles. */
record LagView(String name, long count, String p50, String p99, String max) {}
