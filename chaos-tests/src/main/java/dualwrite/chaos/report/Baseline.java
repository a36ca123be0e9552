package dualwrite.chaos.report;

/** summary.md's benchmark baseline: the bank's throughput and latency without any event. */
record Baseline(String throughput, String p50, String p99) {}
