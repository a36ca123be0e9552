package dualwrite.chaos.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue matrix: a row per strategy variant, a column per catalogue scenario, and in each
 * cell the latest run of that pair. Only catalogue runs count; generated ones are summarised apart.
 *
 * @param rows the naive variants first, then the outbox's, then event sourcing's
 * @param scenarios the catalogue's order, then any other catalogue scenario the runs name
 * @param cells by row, then scenario; a pair never run has no cell
 */
record Matrix(List<Row> rows, List<String> scenarios, Map<Row, Map<String, Cell>> cells) {

  /** A strategy variant. */
  record Row(String strategy, String variant) {
    @Override
    public String toString() {
      return strategy + "/" + variant;
    }
  }

  /**
   * @param latest the run that started last
   * @param runs how many runs of the pair there are
   */
  record Cell(RunSummary latest, int runs) {}

  /** Orders runs by when they started; the run id breaks ties, as it starts with the time. */
  static final Comparator<RunSummary> BY_START =
      Comparator.comparing(
              RunSummary::startedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(RunSummary::runId);

  /**
   * @param order how rows are ordered
   * @param rows rows to show even without a run, such as every variant on the classpath
   * @param catalogue the catalogue's scenario names, in the order to show them
   */
  static Matrix of(
      List<RunSummary> runs, VariantOrder order, List<Row> rows, List<String> catalogue) {
    Set<Row> allRows = new LinkedHashSet<>(rows);
    Set<String> scenarios = new LinkedHashSet<>(catalogue);
    List<String> others = new ArrayList<>();
    Map<Row, Map<String, List<RunSummary>>> byPair = new LinkedHashMap<>();
    for (RunSummary run : runs) {
      Row row = new Row(run.strategy(), run.variant());
      allRows.add(row);
      if (!run.catalogue()) {
        continue;
      }
      if (!scenarios.contains(run.scenario()) && !others.contains(run.scenario())) {
        others.add(run.scenario());
      }
      byPair
          .computeIfAbsent(row, r -> new LinkedHashMap<>())
          .computeIfAbsent(run.scenario(), s -> new ArrayList<>())
          .add(run);
    }
    others.sort(Comparator.naturalOrder());
    scenarios.addAll(others);
    Map<Row, Map<String, Cell>> cells = new LinkedHashMap<>();
    byPair.forEach(
        (row, byScenario) -> {
          Map<String, Cell> line = new LinkedHashMap<>();
          byScenario.forEach(
              (scenario, pairRuns) ->
                  line.put(
                      scenario,
                      new Cell(pairRuns.stream().max(BY_START).orElseThrow(), pairRuns.size())));
          cells.put(row, line);
        });
    List<Row> sorted = allRows.stream().sorted(order.rows()).toList();
    return new Matrix(sorted, List.copyOf(scenarios), cells);
  }

  /** The latest run of a pair, or null when it never ran. */
  Cell cell(Row row, String scenario) {
    return cells.getOrDefault(row, Map.of()).get(scenario);
  }

  /** The latest run of every pair, row by row. */
  List<RunSummary> latest() {
    List<RunSummary> latest = new ArrayList<>();
    for (Row row : rows) {
      for (String scenario : scenarios) {
        Cell cell = cell(row, scenario);
        if (cell != null) {
          latest.add(cell.latest());
        }
      }
    }
    return latest;
  }
}
