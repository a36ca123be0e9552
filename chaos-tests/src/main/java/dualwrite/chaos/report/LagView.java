package dualwrite.chaos.report;

record LagView(String name, long count, String p50, String p99, String max) {}
