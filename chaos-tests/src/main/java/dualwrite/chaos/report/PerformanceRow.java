package dualwrite.chaos.report;

/** Each latency a p50 and a p99 in one cell: {@code 6.7 / 39.1 ms}. */
record PerformanceRow(
    String strategyHeader,
    String pair,
    String href,
    String recording,
    String throughput,
    String publish,
    String check,
    String endToEnd,
    String relayDrain,
    String worst,
    String worstHref) {}
