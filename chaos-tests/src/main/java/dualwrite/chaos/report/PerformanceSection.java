package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The front page's performance section: per variant its latency without faults and its worst lag
 * under faults, the lag chart, and the benchmark's figures and charts when there are.
 */
final class PerformanceSection {

  private PerformanceSection() {}

  static List<PerformanceRow> rows(Matrix matrix, Optional<Bench> bench) {
    List<PerformanceRow> rows = new ArrayList<>();
    String strategy = null;
    for (Matrix.Row row : matrix.rows()) {
      String header = row.strategy().equals(strategy) ? null : row.strategy();
      strategy = row.strategy();
      Matrix.Cell cell = matrix.cell(row, IndexPage.NO_FAULT);
      RunSummary noFault = cell == null ? null : cell.latest();
      Quantiles recording = noFault == null ? Quantiles.NONE : noFault.recording();
      Quantiles publish = quantiles(noFault, true);
      Quantiles check = quantiles(noFault, false);
      RunSummary worst = worstUnderFaults(matrix, row);
      Bench.Measured measured = bench.flatMap(b -> measured(b, row)).orElse(null);
      rows.add(
          new PerformanceRow(
              header,
              row.toString(),
              noFault == null ? null : noFault.page(),
              pair(recording),
              measured == null || measured.recording() == null
                  ? "\u2014"
                  : Format.rate(measured.recording().throughputPerSecond()),
              pair(publish),
              pair(check),
              measured == null || measured.endToEndLag() == null
                  ? "\u2014"
                  : Format.pair(measured.endToEndLag().p50Ms(), measured.endToEndLag().p99Ms()),
              measured == null ? "\u2014" : Format.rate(measured.relayDrainPerSecond()),
              worst == null
                  ? "\u2014"
                  : Format.millis(worst.lag().commitToCheck().p99()) + " in " + worst.scenario(),
              worst == null ? null : worst.page()));
    }
    return rows;
  }

  private static Quantiles quantiles(RunSummary run, boolean publish) {
    if (run == null || run.lag() == null) {
      return Quantiles.NONE;
    }
    Quantiles q = publish ? run.lag().commitToPublish() : run.lag().commitToCheck();
    return q == null ? Quantiles.NONE : q;
  }

  private static String pair(Quantiles q) {
    return q.count() == 0 ? "\u2014" : Format.pair(q.p50(), q.p99());
  }

  private static RunSummary worstUnderFaults(Matrix matrix, Matrix.Row row) {
    RunSummary worst = null;
    for (String scenario : matrix.scenarios()) {
      Matrix.Cell cell = matrix.cell(row, scenario);
      if (scenario.equals(IndexPage.NO_FAULT) || cell == null) {
        continue;
      }
      Quantiles q = quantiles(cell.latest(), false);
      if (q.count() > 0 && (worst == null || q.p99() > quantiles(worst, false).p99())) {
        worst = cell.latest();
      }
    }
    return worst;
  }

  private static Optional<Bench.Measured> measured(Bench bench, Matrix.Row row) {
    return bench.variants().stream()
        .filter(m -> row.strategy().equals(m.strategy()) && row.variant().equals(m.variant()))
        .findFirst();
  }

  static String lagChart(Matrix matrix) {
    List<String> categories = new ArrayList<>();
    List<List<Double>> values =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Matrix.Row row : matrix.rows()) {
      Matrix.Cell cell = matrix.cell(row, IndexPage.NO_FAULT);
      if (cell == null || quantiles(cell.latest(), false).count() == 0) {
        continue;
      }
      categories.add(row.toString());
      Quantiles publish = quantiles(cell.latest(), true);
      Quantiles check = quantiles(cell.latest(), false);
      values.get(0).add(publish.p50());
      values.get(1).add(publish.p99());
      values.get(2).add(check.p50());
      values.get(3).add(check.p99());
    }
    if (categories.isEmpty()) {
      return null;
    }
    return Charts.bars(
        Charts.WIDTH,
        "milliseconds",
        categories,
        List.of(
            "commit\u2192publish p50",
            "commit\u2192publish p99",
            "commit\u2192check p50",
            "commit\u2192check p99"),
        values);
  }

  private static BenchRow benchRow(String pair, Bench.Measured m, Double base) {
    Bench.Recording r = m.recording();
    Double tps = r == null ? null : r.throughputPerSecond();
    return new BenchRow(
        pair,
        Format.rate(tps),
        base == null || tps == null || base == 0
            ? "\u2014"
            : String.format(Locale.ROOT, "%.0f%%", 100 * tps / base),
        Format.millis(r == null ? null : r.p50Ms()),
        Format.millis(r == null ? null : r.p99Ms()),
        Format.rate(m.relayDrainPerSecond()),
        Format.millis(m.endToEndLag() == null ? null : m.endToEndLag().p50Ms()),
        Format.millis(m.endToEndLag() == null ? null : m.endToEndLag().p99Ms()));
  }

  private static String aboutBench(Bench bench) {
    return "Measured "
        + (bench.generatedAt() == null ? "" : bench.generatedAt() + " ")
        + (bench.environment() == null ? "" : "on " + bench.environment() + "; ")
        + "throughput is the most transactions a second the bank records; end-to-end lag is"
        + " from the commit to the fraud check"
        + (bench.steadyRatePerSecond() == null
            ? "."
            : " at a steady " + Format.rate(bench.steadyRatePerSecond()) + ".");
  }

  static BenchView bench(Bench bench) {
    List<String> categories = new ArrayList<>();
    List<Double> throughput = new ArrayList<>();
    if (bench.baseline() != null && bench.baseline().throughputPerSecond() != null) {
      categories.add("baseline (no event)");
      throughput.add(bench.baseline().throughputPerSecond());
    }
    List<String> lagCategories = new ArrayList<>();
    List<Double> lagP50 = new ArrayList<>();
    List<Double> lagP99 = new ArrayList<>();
    List<BenchRow> rows = new ArrayList<>();
    Double base = bench.baseline() == null ? null : bench.baseline().throughputPerSecond();
    for (Bench.Measured m : bench.variants()) {
      String pair = m.strategy() + "/" + m.variant();
      Bench.Recording r = m.recording();
      Double tps = r == null ? null : r.throughputPerSecond();
      categories.add(pair);
      throughput.add(tps);
      if (m.endToEndLag() != null) {
        lagCategories.add(pair);
        lagP50.add(m.endToEndLag().p50Ms());
        lagP99.add(m.endToEndLag().p99Ms());
      }
      rows.add(benchRow(pair, m, base));
    }
    return new BenchView(
        aboutBench(bench),
        categories.isEmpty()
            ? null
            : Charts.bars(
                Charts.HALF,
                "transactions per second",
                categories,
                List.of("recording throughput"),
                List.of(throughput)),
        lagCategories.isEmpty()
            ? null
            : Charts.bars(
                Charts.HALF,
                "ms, commit to fraud check",
                lagCategories,
                List.of("end-to-end p50", "end-to-end p99"),
                List.of(lagP50, lagP99)),
        rows);
  }
}
