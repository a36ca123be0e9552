package dualwrite.chaos.report;

/** A variant's row of the front page's benchmark table, each figure written out. */
record BenchRow(
    String pair,
    String throughput,
    String share,
    String p50,
    String p99,
    String drain,
    String e2eP50,
    String e2eP99) {}
