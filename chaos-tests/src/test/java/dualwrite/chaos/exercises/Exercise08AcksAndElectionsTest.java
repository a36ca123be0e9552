package dualwrite.chaos.exercises;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.ClusterScenarios;
import dualwrite.chaos.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 8: on a three-broker cluster, which producer settings lose what Kafka acknowledged. Each
 * prediction names the anomalies that make a run invalid; for a run that loses events, a second
 * answer says whether the fraud service had checked any of them before they vanished.
 */
@Tag("exercise")
class Exercise08AcksAndElectionsTest {

  private record Pair(String key, String variant, Scenario scenario, boolean askChecked) {}

  private static final List<Pair> PAIRS =
      List.of(
          new Pair(
              "unsafe-producer.leader-isolated",
              "outbox/unsafe-producer",
              ClusterScenarios.leaderIsolated(),
              true),
          new Pair(
              "polling.leader-isolated",
              "outbox/polling",
              ClusterScenarios.leaderIsolated(),
              false),
          new Pair(
              "polling.unclean-election",
              "outbox/polling",
              ClusterScenarios.uncleanElection(),
              true));

  private static final String CHECKED = ".checked-before-lost";

  @Test
  void thePredictionsMatchRunsOnACluster() {
    Answers answers = Answers.of("08");
    List<String> keys = new ArrayList<>();
    for (Pair pair : PAIRS) {
      keys.add(pair.key());
      if (pair.askChecked()) {
        keys.add(pair.key() + CHECKED);
      }
    }
    // Blank or malformed answers fail before the cluster starts.
    answers.requireAll(keys);
    for (Pair pair : PAIRS) {
      Observed.breakingLabels(pair.key(), answers.get(pair.key()));
      if (pair.askChecked()) {
        Observed.yesOrNo(pair.key() + CHECKED, answers.get(pair.key() + CHECKED));
      }
    }

    SoftAssertions softly = new SoftAssertions();
    for (Pair pair : PAIRS) {
      Set<String> predicted = Observed.breakingLabels(pair.key(), answers.get(pair.key()));
      RunResult result = Scenarios.landed(LabRuns.runOnCluster(pair.variant(), pair.scenario()));
      // breaking() refuses an unknown or vacuous verdict before anything is compared
      Set<String> observed = Observed.breaking(result);
      softly
          .assertThat(predicted)
          .as(
              "%s: you predicted '%s'; the lab says %s",
              pair.key(), answers.get(pair.key()), Observed.describe(result))
          .isEqualTo(observed);
      List<UUID> lost = result.verdict().of(Anomaly.LOST);
      if (pair.askChecked() && !lost.isEmpty()) {
        String key = pair.key() + CHECKED;
        String answered = Observed.yesOrNo(key, answers.get(key));
        long checked = checkedAmong(result, lost);
        softly
            .assertThat(answered)
            .as(
                "%s: the fraud service had checked %d of the %d lost events before they vanished"
                    + " (%s)",
                key, checked, lost.size(), Observed.describe(result))
            .isEqualTo(checked > 0 ? "yes" : "no");
      }
    }
    softly.assertAll();
  }

  /** How many of {@code ids} the fraud service checked, from the run folder's truth. */
  private static long checkedAmong(RunResult result, List<UUID> ids) {
    Set<UUID> checked =
        RunFolder.readTruth(result.folder()).checks().stream()
            .map(Truth.Checked::transactionId)
            .collect(Collectors.toSet());
    return ids.stream().filter(checked::contains).count();
  }
}
