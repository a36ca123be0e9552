package dualwrite.chaos.report;

record BenchRow(
    String pair,
    String throughput,
    String share,
    String p50,
    String p99,
    String drain,
    String e2eP50,
    String e2eP99) {}
