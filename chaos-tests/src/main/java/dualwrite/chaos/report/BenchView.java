package dualwrite.chaos.report;

import java.util.List;

/** The front page's benchmark: what was measured, its two charts and its table. */
record BenchView(String about, String throughputChart, String latencyChart, List<BenchRow> rows) {}
