package dualwrite.chaos.exercises;

import dualwrite.bank.spi.Variant;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.outbox.OutboxSettings;
import dualwrite.outbox.OutboxStrategy;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 7: the polling relay's batch size decides how much a crash replays. Each answer, keyed
 * {@code <scenario>.batch-<size>}, predicts how many transactions are delivered twice; the check
 * runs the scenario with a relay of that batch size.
 */
@Tag("exercise")
class Exercise07BatchSizeTest {

  private static final List<String> KEYS =
      List.of(
          "relay-crash-after-publish.batch-1000",
          "relay-crash-after-publish.batch-4",
          "relay-crash-mid-batch.batch-1000",
          "relay-crash-mid-batch.batch-4",
          "relay-crash-after-claim.batch-4");

  @Test
  void thePredictedDuplicatesMatchRealRuns() {
    Answers answers = Answers.of("07");
    answers.requireAll(KEYS);
    SoftAssertions softly = new SoftAssertions();
    for (String key : KEYS) {
      String scenario = key.substring(0, key.indexOf(".batch-"));
      int batchSize = Integer.parseInt(key.substring(key.indexOf(".batch-") + ".batch-".length()));
      RunResult result = run(scenario, batchSize);
      int duplicates = result.verdict().of(Anomaly.DUPLICATE_DELIVERY).size();
      softly
          .assertThat(answers.get(key))
          .as("%s: transactions delivered twice; the lab says %s", key, Observed.describe(result))
          .isEqualTo(Integer.toString(duplicates));
    }
    softly.assertAll();
  }

  private static RunResult run(String scenario, int batchSize) {
    OutboxStrategy strategy =
        new OutboxStrategy(OutboxSettings.defaults().withBatchSize(batchSize));
    Variant polling = strategy.variant("polling");
    String point = scenario.substring("relay-crash-".length());
    return Scenarios.crashed(
        LabRuns.runner().run(strategy, polling, Scenarios.relayCrash(point), RunOptions.DEFAULT));
  }
}
