package dualwrite.chaos.report;

record Baseline(String throughput, String p50, String p99) {}
