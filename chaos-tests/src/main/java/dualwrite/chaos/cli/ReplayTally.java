package dualwrite.chaos.cli;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many replays of one scenario gave each verdict, and how many of them showed each anomaly: the
 * numbers behind "lost in 9 of 10 replays".
 *
 * @param runs how many replays were made
 * @param rows for every validity that at least one replay gave, its replays
 */
record ReplayTally(int runs, Map<Validity, Row> rows) {

  /**
   * The replays that gave one validity.
   *
   * @param runs how many
   * @param anomalies for every anomaly that at least one of them showed, how many showed it
   */
  record Row(int runs, Map<Anomaly, Integer> anomalies) {
    Row {
      anomalies = inEnumOrder(Anomaly.class, anomalies);
    }
  }

  /**
   * @throws IllegalArgumentException when the rows do not add up to the runs
   */
  ReplayTally {
    if (runs < 1) {
      throw new IllegalArgumentException("a tally needs at least one run, not " + runs);
    }
    rows = inEnumOrder(Validity.class, rows);
    int counted = rows.values().stream().mapToInt(Row::runs).sum();
    if (counted != runs) {
      throw new IllegalArgumentException("the rows hold " + counted + " runs, the tally " + runs);
    }
  }

  /** The tally of these verdicts, one per replay. */
  static ReplayTally of(List<Verdict> verdicts) {
    Map<Validity, Row> rows =
        verdicts.stream()
            .collect(
                Collectors.groupingBy(
                    Verdict::valid,
                    () -> new EnumMap<>(Validity.class),
                    Collectors.collectingAndThen(Collectors.toList(), ReplayTally::row)));
    return new ReplayTally(verdicts.size(), rows);
  }

  private static Row row(List<Verdict> verdicts) {
    Map<Anomaly, Integer> anomalies = new EnumMap<>(Anomaly.class);
    verdicts.forEach(v -> v.found().forEach(a -> anomalies.merge(a, 1, Integer::sum)));
    return new Row(verdicts.size(), anomalies);
  }

  /** How many replays gave this validity (0 when none did). */
  int runsWith(Validity validity) {
    Row row = rows.get(validity);
    return row == null ? 0 : row.runs();
  }

  /** How many replays showed this anomaly, whatever their validity. */
  int runsWith(Anomaly anomaly) {
    return rows.values().stream().mapToInt(r -> r.anomalies().getOrDefault(anomaly, 0)).sum();
  }

  /**
   * One line naming what was replayed, then a line per validity, the most frequent first:
   *
   * <pre>
   * replayed outbox/polling relay-crash-mid-batch 10 times
   *   invalid  9 of 10    lost in 9 of 10, failed-but-committed in 2 of 10
   *   valid    1 of 10
   * </pre>
   */
  String describe(String what) {
    // every value of the enum, seen or not, so the columns line up whatever the runs gave
    int wordWidth =
        Arrays.stream(Validity.values()).mapToInt(v -> word(v).length()).max().orElse(0);
    int countWidth = String.valueOf(runs).length();
    StringBuilder text = new StringBuilder();
    text.append("replayed ").append(what).append(' ').append(runs).append(" times\n");
    rows.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Validity, Row> e) -> e.getValue().runs())
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .forEach(
            e -> {
              String line =
                  String.format(
                      "  %-" + wordWidth + "s %" + countWidth + "d of %d",
                      word(e.getKey()),
                      e.getValue().runs(),
                      runs);
              String anomalies =
                  e.getValue().anomalies().entrySet().stream()
                      .map(a -> a.getKey().label() + " in " + a.getValue() + " of " + runs)
                      .collect(Collectors.joining(", "));
              text.append(anomalies.isEmpty() ? line : line + "    " + anomalies).append('\n');
            });
    return text.toString();
  }

  /** A copy that lists its keys in the enum's order, which is the order the lines show them in. */
  private static <K extends Enum<K>, V> Map<K, V> inEnumOrder(Class<K> type, Map<K, V> map) {
    Map<K, V> copy = new EnumMap<>(type);
    copy.putAll(map);
    return Collections.unmodifiableMap(copy);
  }

  /** {@code valid}, {@code invalid}, ...: from the enum, so a new validity needs no change here. */
  private static String word(Validity validity) {
    return validity.label();
  }
}
