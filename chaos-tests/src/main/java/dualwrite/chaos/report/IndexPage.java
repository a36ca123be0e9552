package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.property.Coverage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's front page: headline numbers, the catalogue matrix (its verdicts, availability or
 * delay after healing), the trade-off per fault (refused against delayed), the generated runs per
 * variant, the strategies' latency and lag side by side, the benchmark, and a legend of the
 * anomalies.
 */
final class IndexPage {

  static final String NO_FAULT = "no-fault";
  private static final int INVALID_LINKS_SHOWN = 12;

  private IndexPage() {}

  static void write(IndexView view, Path out) {
    Pages.write("index", view, out.resolve("index.html"));
  }

  static IndexView view(IndexInput in) {
    Matrix matrix = in.matrix();
    return new IndexView(
        in.runsDir(),
        in.generatedAt(),
        in.runs().size(),
        !in.runs().isEmpty(),
        cards(in),
        matrix.scenarios(),
        matrix.scenarios().size() + 1,
        matrixRows(matrix, in.order()),
        tradeOff(matrix),
        in.generated().stream().map(IndexPage::generatedView).toList(),
        PerformanceSection.rows(matrix, in.bench()),
        in.bench().isPresent() ? 8 : 5,
        PerformanceSection.lagChart(matrix),
        in.bench().map(PerformanceSection::bench).orElse(null),
        in.bench().isPresent(),
        in.benchNote(),
        others(in.runs()),
        legend(),
        in.skipped());
  }

  private static List<Card> cards(IndexInput in) {
    List<Card> cards = new ArrayList<>();
    Map<String, int[]> byStrategy = new LinkedHashMap<>();
    for (RunSummary run : in.matrix().latest()) {
      // [runs, held, broke]: a vacuous or unknown run is neither held nor broken
      int[] tally = byStrategy.computeIfAbsent(run.strategy(), s -> new int[3]);
      tally[0]++;
      if (run.validity() == Validity.VALID) {
        tally[1]++;
      } else if (run.validity() == Validity.INVALID) {
        tally[2]++;
      }
    }
    byStrategy.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(in.order().strategies()))
        .forEach(
            e -> {
              int[] t = e.getValue();
              cards.add(
                  new Card(
                      t[1] + " / " + t[0],
                      e.getKey() + ": catalogue scenarios that held",
                      // green only when every scenario held; one that proved nothing is no pass
                      t[2] > 0 ? "invalid" : t[1] < t[0] ? "vacuous" : "valid"));
            });
    int generated = in.generated().stream().mapToInt(GeneratedTally::total).sum();
    int invalid = in.generated().stream().mapToInt(g -> g.invalid().size()).sum();
    int unknown = in.generated().stream().mapToInt(GeneratedTally::unknown).sum();
    if (generated > 0) {
      cards.add(
          new Card(
              invalid + " / " + generated,
              "generated runs that broke a promise"
                  + (unknown > 0 ? " (" + unknown + " more could not be judged)" : ""),
              invalid > 0 || unknown > 0 ? "invalid" : "valid"));
    }
    int vacuous = in.generated().stream().mapToInt(GeneratedTally::vacuous).sum();
    if (generated > 0) {
      cards.add(
          new Card(
              vacuous + " / " + generated,
              "generated runs that proved nothing (vacuous)",
              vacuous > 0 ? "vacuous" : "valid"));
    }
    cards.add(new Card(String.valueOf(in.runs().size()), "runs in all", ""));
    return cards;
  }

  private static List<MatrixRow> matrixRows(Matrix matrix, VariantOrder order) {
    List<MatrixRow> rows = new ArrayList<>();
    String strategy = null;
    for (Matrix.Row row : matrix.rows()) {
      String header = row.strategy().equals(strategy) ? null : row.strategy();
      strategy = row.strategy();
      List<CellView> cells = new ArrayList<>();
      for (String scenario : matrix.scenarios()) {
        Matrix.Cell cell = matrix.cell(row, scenario);
        if (cell == null) {
          cells.add(
              new CellView(
                  "none",
                  "",
                  List.of(),
                  null,
                  null,
                  row + " " + scenario + ": not run",
                  null,
                  null,
                  "blank",
                  null,
                  null,
                  "blank"));
          continue;
        }
        RunSummary run = cell.latest();
        TradeOff t = run.tradeOff();
        cells.add(
            new CellView(
                run.word(),
                run.word(),
                run.anomalyCounts(),
                cell.runs() > 1 ? "latest of " + cell.runs() : null,
                run.page(),
                row + " " + scenario + ": " + run.summary() + "; " + figures(t),
                t.availabilityText(),
                t.availability() == null ? null : t.customers(),
                t.availabilityTone(),
                t.delayText(),
                t.missing(),
                t.delayTone()));
      }
      rows.add(
          new MatrixRow(header, row.toString(), order.descriptions().getOrDefault(row, ""), cells));
    }
    return rows;
  }

  /** {@code availability 50% (refused 2 of 4), delay after healing 30.0 ms}. */
  private static String figures(TradeOff t) {
    return "availability "
        + t.availabilityText()
        + (t.availability() == null ? "" : " (" + t.customers() + ")")
        + ", delay after healing "
        + t.delayText();
  }

  /** The trade-off table, or null when no variant ran a scenario with a fault. */
  private static TradeOffTable tradeOff(Matrix matrix) {
    List<String> faults =
        matrix.scenarios().stream()
            .filter(s -> !s.equals(NO_FAULT))
            .filter(s -> matrix.rows().stream().anyMatch(r -> matrix.cell(r, s) != null))
            .toList();
    List<Matrix.Row> variants =
        matrix.rows().stream()
            .filter(r -> faults.stream().anyMatch(s -> matrix.cell(r, s) != null))
            .toList();
    if (faults.isEmpty()) {
      return null;
    }
    List<TradeOffRow> rows = new ArrayList<>();
    for (String scenario : faults) {
      List<TradeOffCell> cells = new ArrayList<>();
      for (Matrix.Row row : variants) {
        Matrix.Cell cell = matrix.cell(row, scenario);
        if (cell == null) {
          cells.add(
              new TradeOffCell(
                  null,
                  null,
                  "none",
                  null,
                  "none",
                  null,
                  List.of(),
                  null,
                  row + " " + scenario + ": not run"));
          continue;
        }
        RunSummary run = cell.latest();
        TradeOff t = run.tradeOff();
        cells.add(
            new TradeOffCell(
                t.customers(),
                t.availabilityText(),
                t.availabilityTone(),
                t.fraudService(),
                t.delayTone(),
                run.word(),
                run.anomalyCounts(),
                run.page(),
                row + " " + scenario + ": " + run.summary() + "; " + figures(t)));
      }
      rows.add(new TradeOffRow(scenario, cells));
    }
    return new TradeOffTable(
        variants.stream().map(Matrix.Row::toString).toList(), variants.size() + 1, rows);
  }

  private static GeneratedView generatedView(GeneratedTally g) {
    RunSummary smallest = g.smallestCounterexample();
    List<Anchor> invalid =
        g.invalid().stream().limit(INVALID_LINKS_SHOWN).map(r -> link(r, r.scenario())).toList();
    int more = g.invalid().size() - invalid.size();
    return new GeneratedView(
        g.row().toString(),
        GeneratedPage.pathOf(g.row()),
        g.total(),
        g.valid(),
        g.invalid().size(),
        g.unknown(),
        g.vacuous(),
        smallest == null ? null : link(smallest, smallest.scenario()),
        invalid,
        more > 0 ? more : null,
        coverageRows(g.coverage()));
  }

  private static List<CoverageRow> coverageRows(Coverage coverage) {
    List<CoverageRow> rows = new ArrayList<>();
    // a kind that never came up is exactly what the table must show
    Map<String, Coverage.Landed> kinds = new TreeMap<>(coverage.faultKinds());
    Coverage.KINDS_OF_A_FIX.forEach(kind -> kinds.putIfAbsent(kind, new Coverage.Landed(0, 0)));
    coverage
        .crashPoints()
        .forEach(
            (point, t) ->
                rows.add(
                    new CoverageRow(
                        "crash point " + point,
                        t.armed(),
                        t.reached(),
                        t.reached() < Coverage.FEWEST_REACHED ? "short" : "")));
    kinds.forEach(
        (kind, t) ->
            rows.add(
                new CoverageRow(
                    kind,
                    t.armed(),
                    t.landed(),
                    t.landed() < Coverage.FEWEST_LANDED ? "short" : "")));
    return rows;
  }

  private static Anchor link(RunSummary run, String label) {
    return new Anchor(
        label,
        run.page(),
        run.steps()
            + " steps, "
            + run.records()
            + " records: "
            + String.join(", ", run.anomalyCounts()));
  }

  private static List<OtherView> others(List<RunSummary> runs) {
    return runs.stream()
        .filter(r -> !r.catalogue() && !r.generated())
        .sorted(Matrix.BY_START.reversed())
        .map(
            r ->
                new OtherView(
                    r.pair(),
                    r.scenario(),
                    r.word(),
                    r.word(),
                    String.join(", ", r.anomalyCounts()),
                    r.runId(),
                    r.page()))
        .toList();
  }

  private static List<LegendRow> legend() {
    List<LegendRow> rows = new ArrayList<>();
    for (Anomaly anomaly : Anomaly.values()) {
      rows.add(
          new LegendRow(
              anomaly.label(),
              anomaly.meaning(),
              anomaly.invalidates() ? "yes" : "no: reported, allowed"));
    }
    return rows;
  }
}
