package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Validity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * summary.md: the matrix and the headline numbers in Markdown, to paste into a PR or an issue. The
 * template {@code summary.md.mustache} reads the front page's {@link IndexPage.View}, and the few
 * records here only for what Markdown shows its own way.
 */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

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
  record View(
      IndexPage.View page,
      Headline headline,
      List<VerdictRow> verdictRows,
      List<TradeOffLine> tradeOffLines,
      List<GeneratedLine> generatedLines,
      List<LagRow> lagRows,
      Baseline baseline) {}

  /** Of the catalogue's latest runs, how many held, broke a promise, proved nothing. */
  record Headline(long held, long invalid, long vacuous) {

    boolean anyVacuous() {
      return vacuous > 0;
    }
  }

  /** A row of the matrix: a verdict ({@code ❌ lost 1}) per scenario, empty when not run. */
  record VerdictRow(String pair, List<String> verdicts) {}

  record TradeOffLine(String scenario, String pair, IndexPage.TradeOffCell cell, String verdict) {}

  /** {@code smallest}: the smallest counterexample and its size, or {@code none}. */
  record GeneratedLine(IndexPage.GeneratedView runs, String smallest) {}

  /** A p50 and a p99 each for recording, commit→publish, commit→check, a cell each. */
  record LagRow(String pair, List<String> figures) {}

  record Baseline(String throughput, String p50, String p99) {}

  static void write(Path file, IndexPage.Input in, IndexPage.View page) {
    Pages.writeMarkdown("summary.md", view(in, page), file);
  }

  static View view(IndexPage.Input in, IndexPage.View page) {
    List<RunSummary> latest = in.matrix().latest();
    Bench.Recording base = in.bench().map(Bench::baseline).orElse(null);
    return new View(
        page,
        new Headline(
            latest.stream().filter(r -> r.validity() == Validity.VALID).count(),
            latest.stream().filter(r -> r.validity() == Validity.INVALID).count(),
            latest.stream().filter(r -> r.validity() == Validity.VACUOUS).count()),
        page.matrixRows().stream()
            .map(
                row ->
                    new VerdictRow(
                        row.pair(),
                        row.cells().stream()
                            .map(c -> c.href() == null ? "" : verdict(c.word(), c.counts()))
                            .toList()))
            .toList(),
        tradeOffLines(page.tradeOff()),
        IntStream.range(0, page.generated().size())
            .mapToObj(
                i -> new GeneratedLine(page.generated().get(i), smallest(in.generated().get(i))))
            .toList(),
        lagRows(in.matrix()),
        base == null
            ? null
            : new Baseline(
                Format.rate(base.throughputPerSecond()),
                Format.millis(base.p50Ms()),
                Format.millis(base.p99Ms())));
  }

  /** The trade-off table a line per fault and variant that ran it, fault by fault. */
  private static List<TradeOffLine> tradeOffLines(IndexPage.TradeOffView table) {
    List<TradeOffLine> lines = new ArrayList<>();
    if (table == null) {
      return lines;
    }
    for (IndexPage.TradeOffRow row : table.rows()) {
      for (int i = 0; i < row.cells().size(); i++) {
        IndexPage.TradeOffCell cell = row.cells().get(i);
        if (cell.href() != null) {
          lines.add(
              new TradeOffLine(
                  row.scenario(),
                  table.variants().get(i),
                  cell,
                  verdict(cell.word(), cell.counts())));
        }
      }
    }
    return lines;
  }

  private static String smallest(GeneratedTally g) {
    RunSummary smallest = g.smallestCounterexample();
    return smallest == null
        ? "none"
        : smallest.scenario()
            + " ("
            + smallest.steps()
            + " steps): "
            + String.join(", ", smallest.anomalyCounts());
  }

  private static List<LagRow> lagRows(Matrix matrix) {
    List<LagRow> rows = new ArrayList<>();
    for (Matrix.Row row : matrix.rows()) {
      Matrix.Cell cell = matrix.cell(row, IndexPage.NO_FAULT);
      if (cell == null) {
        continue;
      }
      RunSummary run = cell.latest();
      List<String> figures = new ArrayList<>();
      figures.addAll(pair(run.recording()));
      figures.addAll(pair(run.lag() == null ? null : run.lag().commitToPublish()));
      figures.addAll(pair(run.lag() == null ? null : run.lag().commitToCheck()));
      rows.add(new LagRow(row.toString(), figures));
    }
    return rows;
  }

  /** A cell's verdict in Markdown (see {@link VerdictInWords#badge}), from its word and counts. */
  private static String verdict(String word, List<String> counts) {
    return VerdictInWords.badge(Validity.valueOf(word.toUpperCase(Locale.ROOT)), counts);
  }

  private static List<String> pair(Quantiles q) {
    return q == null || q.count() == 0
        ? List.of("—", "—")
        : List.of(Format.millis(q.p50()), Format.millis(q.p99()));
  }
}
