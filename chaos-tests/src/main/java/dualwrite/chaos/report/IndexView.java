package dualwrite.chaos.report;

import java.util.List;

/** What the front page ({@code index.mustache}) shows; summary.md reads it too. */
record IndexView(
    String runsDir,
    String generatedAt,
    int runCount,
    boolean hasRuns,
    List<Card> cards,
    List<String> scenarios,
    int columns,
    List<MatrixRow> matrixRows,
    TradeOffTable tradeOff,
    List<GeneratedView> generated,
    List<PerformanceRow> performance,
    int performanceColumns,
    String lagChart,
    BenchView bench,
    boolean hasBench,
    String benchNote,
    List<OtherView> others,
    List<LegendRow> legend,
    List<RunFolders.Skipped> skipped) {

  boolean hasGenerated() {
    return !generated.isEmpty();
  }

  boolean hasOthers() {
    return !others.isEmpty();
  }

  boolean hasSkipped() {
    return !skipped.isEmpty();
  }
}
