package dualwrite.chaos.report;

import java.util.List;

/**
 * The view {@code summary.md.mustache} renders.
 *
 * @param page the front page's view
 * @param headline the catalogue's latest runs, counted
 * @param verdictRows the catalogue matrix, a verdict per cell
 * @param tradeOffLines a line per fault and variant that ran it
 * @param generatedLines a line per variant with generated runs
 * @param lagRows the latest {@code no-fault} run's latencies per variant that has one
 * @param baseline the benchmark's baseline, or null
 */
record SummaryView(
    IndexView page,
    CatalogueHeadline headline,
    List<VerdictRow> verdictRows,
    List<TradeOffLine> tradeOffLines,
    List<GeneratedLine> generatedLines,
    List<LagRow> lagRows,
    Baseline baseline) {}
