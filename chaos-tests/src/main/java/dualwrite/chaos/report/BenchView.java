package dualwrite.chaos.report;

import java.util.List;

record BenchView(String about, String throughputChart, String latencyChart, List<BenchRow> rows) {}
