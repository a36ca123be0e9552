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
 * template {@code summary.md.mustache} reads the front page's {@link IndexView}, and the few
 * records here only for what Markdown shows its own way.
 */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

  static void write(Path file, IndexInput in, IndexView page) {
    Pages.writeMarkdown("summary.md", view(in, page), file);
  }

  static SummaryView view(IndexInput in, IndexView page) {
    List<RunSummary> latest = in.matrix().latest();
    Bench.Recording base = in.bench().map(Bench::baseline).orElse(null);
    return new SummaryView(
        page,
        new CatalogueHeadline(
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
  private static List<TradeOffLine> tradeOffLines(TradeOffTable table) {
    List<TradeOffLine> lines = new ArrayList<>();
    if (table == null) {
      return lines;
    }
    for (TradeOffRow row : table.rows()) {
      for (int i = 0; i < row.cells().size(); i++) {
        TradeOffCell cell = row.cells().get(i);
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
