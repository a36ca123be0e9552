package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.property.Coverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated runs of one strategy variant, counted: how many, how many valid, invalid, unknown
 * and vacuous, and the invalid ones smallest first, the first being the smallest counterexample.
 *
 * @param invalid smallest first: fewest steps, then fewest records
 */
record GeneratedTally(
    Matrix.Row row,
    List<RunSummary> all,
    int valid,
    int unknown,
    int vacuous,
    List<RunSummary> invalid) {

  /** A counterexample is easier to read the fewer steps and records it has. */
  static final Comparator<RunSummary> SMALLEST_FIRST =
      Comparator.comparingInt(RunSummary::steps)
          .thenComparingLong(RunSummary::records)
          .thenComparing(RunSummary::scenario)
          .thenComparing(RunSummary::runId);

  /** One entry per variant with generated runs, in the report's order of variants. */
  static List<GeneratedTally> of(List<RunSummary> runs, VariantOrder order) {
    Map<Matrix.Row, List<RunSummary>> byRow = new LinkedHashMap<>();
    for (RunSummary run : runs) {
      if (run.generated()) {
        byRow
            .computeIfAbsent(new Matrix.Row(run.strategy(), run.variant()), r -> new ArrayList<>())
            .add(run);
      }
    }
    return byRow.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(order.rows()))
        .map(e -> summarise(e.getKey(), e.getValue()))
        .toList();
  }

  private static GeneratedTally summarise(Matrix.Row row, List<RunSummary> runs) {
    List<RunSummary> all = runs.stream().sorted(SMALLEST_FIRST).toList();
    int valid = (int) all.stream().filter(r -> r.validity() == Validity.VALID).count();
    int unknown = (int) all.stream().filter(r -> r.validity() == Validity.UNKNOWN).count();
    int vacuous = (int) all.stream().filter(r -> r.validity() == Validity.VACUOUS).count();
    List<RunSummary> invalid = all.stream().filter(r -> r.validity() == Validity.INVALID).toList();
    return new GeneratedTally(row, all, valid, unknown, vacuous, invalid);
  }

  /** Which crash points and fault kinds these runs armed, and how often they landed. */
  Coverage coverage() {
    return Coverage.count(
        all.size(), vacuous, all.stream().flatMap(r -> r.faults().stream()).toList());
  }

  int total() {
    return all.size();
  }

  /** The smallest invalid run, or null when every run held. */
  RunSummary smallestCounterexample() {
    return invalid.isEmpty() ? null : invalid.get(0);
  }
}
