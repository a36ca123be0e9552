package dualwrite.chaos.cli;

import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tally counts replays by verdict and by anomaly, and says so in lines a person can quote. */
class ReplayTallyTest {

  private static final String WHAT = "outbox/polling relay-crash-mid-batch";

  @Test
  void everyRunValidIsOneLine() {
    ReplayTally tally = ReplayTally.of(nCopies(10, valid()));

    assertThat(tally.runsWith(Validity.VALID)).as("all ten runs were valid").isEqualTo(10);
    assertThat(tally.describe(WHAT))
        .as("a header and one line for the one verdict")
        .isEqualTo("replayed " + WHAT + " 10 times\n" + "  valid   10 of 10\n");
  }

  @Test
  void anomaliesAreCountedByRunsThatShowedThemNotByTransactions() {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.addAll(nCopies(7, invalid(Map.of(Anomaly.LOST, 3))));
    verdicts.add(invalid(Map.of(Anomaly.LOST, 1, Anomaly.FAILED_BUT_COMMITTED, 2)));
    verdicts.add(invalid(Map.of(Anomaly.FAILED_BUT_COMMITTED, 1, Anomaly.LOST, 5)));
    verdicts.add(valid());

    ReplayTally tally = ReplayTally.of(verdicts);

    assertThat(tally.runsWith(Anomaly.LOST))
        .as("nine runs lost something, however many transactions each lost")
        .isEqualTo(9);
    assertThat(tally.runsWith(Anomaly.FAILED_BUT_COMMITTED)).isEqualTo(2);
    assertThat(tally.runsWith(Anomaly.PHANTOM)).as("no run showed a phantom").isZero();
    assertThat(tally.describe(WHAT))
        .as("the most frequent verdict first, its anomalies in the enum's order")
        .isEqualTo(
            "replayed "
                + WHAT
                + " 10 times\n"
                + "  invalid  9 of 10    lost in 9 of 10, failed-but-committed in 2 of 10\n"
                + "  valid    1 of 10\n");
  }

  @Test
  void anAnomalyThatDoesNotInvalidateIsCountedUnderEachVerdictThatShowedIt() {
    List<Verdict> verdicts =
        List.of(
            valid(Map.of(Anomaly.DUPLICATE_DELIVERY, 4)),
            invalid(Map.of(Anomaly.LOST, 1, Anomaly.DUPLICATE_DELIVERY, 2)),
            valid());

    ReplayTally tally = ReplayTally.of(verdicts);

    assertThat(tally.runsWith(Anomaly.DUPLICATE_DELIVERY))
        .as("one valid and one invalid run delivered twice")
        .isEqualTo(2);
    assertThat(tally.describe(WHAT))
        .contains("  valid   2 of 3    duplicate-delivery in 1 of 3\n")
        .contains("  invalid 1 of 3    lost in 1 of 3, duplicate-delivery in 1 of 3\n");
  }

  @Test
  void unknownRunsHaveTheirOwnLine() {
    ReplayTally tally =
        ReplayTally.of(List.of(valid(), Verdict.unknown("could not read the truth: gone")));

    assertThat(tally.runsWith(Validity.UNKNOWN)).isEqualTo(1);
    assertThat(tally.describe(WHAT))
        .as("a tie keeps the enum's order")
        .endsWith("  valid   1 of 2\n  unknown 1 of 2\n");
  }

  @Test
  void everyValidityGetsALineNamedAfterItself() {
    // derived from the enum, so a validity added later is tallied without a change to the tally
    List<Verdict> verdicts =
        Arrays.stream(Validity.values())
            .map(v -> new Verdict(v, Map.of(), Counts.NONE, null, List.of(), null, List.of()))
            .toList();

    String text = ReplayTally.of(verdicts).describe(WHAT);

    for (Validity validity : Validity.values()) {
      assertThat(text)
          .as("a line for %s", validity)
          .containsPattern(
              "(?m)^  "
                  + validity.name().toLowerCase(Locale.ROOT)
                  + " +1 of "
                  + Validity.values().length
                  + "$");
    }
  }

  @Test
  void aTallyOfNoRunsIsRefused() {
    assertThatThrownBy(() -> ReplayTally.of(List.of()))
        .as("nothing was replayed")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one run");
  }

  @Test
  void rowsThatDoNotAddUpToTheRunsAreRefused() {
    Map<Validity, ReplayTally.Row> rows = Map.of(Validity.VALID, new ReplayTally.Row(2, Map.of()));
    assertThatThrownBy(() -> new ReplayTally(3, rows))
        .as("three runs cannot have two verdicts between them")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 runs");
  }

  private static Verdict valid() {
    return valid(Map.of());
  }

  private static Verdict valid(Map<Anomaly, Integer> hits) {
    return verdict(Validity.VALID, hits);
  }

  private static Verdict invalid(Map<Anomaly, Integer> hits) {
    return verdict(Validity.INVALID, hits);
  }

  /** A verdict whose anomalies each hit that many made-up transactions. */
  private static Verdict verdict(Validity validity, Map<Anomaly, Integer> hits) {
    Map<String, List<UUID>> anomalies = new LinkedHashMap<>();
    hits.forEach(
        (anomaly, count) ->
            anomalies.put(
                anomaly.label(), Stream.generate(UUID::randomUUID).limit(count).toList()));
    return new Verdict(validity, anomalies, Counts.NONE, null, List.of(), null, List.of());
  }
}
