package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exercise 1: what the checker says when the naive bank dies between its commit and its send. */
@Tag("exercise")
class Exercise01LoseAnEventTest {

  @Test
  void theAnswersDescribeWhatTheCrashAfterCommitDid() {
    Answers answers = Answers.of("01");
    String anomaly = answers.get("anomaly");
    String count = answers.get("count");
    String told = answers.get("client-was-told");
    String committed = answers.get("committed");

    RunResult result = LabRuns.run("naive/db-then-kafka", Catalogue.crashAfterCommit());
    List<UUID> hit = result.verdict().of(Anomaly.LOST);
    assertThat(hit).as("the crash lost an event: %s", Observed.describe(result)).isNotEmpty();

    assertThat(Observed.labels(anomaly))
        .as("anomaly: the labels the verdict names; this run: %s", Observed.describe(result))
        .isEqualTo(Observed.anomalies(result));
    assertThat(count)
        .as("count: how many transactions the anomaly hit; this run: %s", Observed.describe(result))
        .isEqualTo(Integer.toString(hit.size()));
    assertThat(told)
        .as("client-was-told: ok, fail or unknown, for the transaction the verdict names")
        .isEqualTo(Observed.told(result, hit.get(0)));
    assertThat(committed)
        .as("committed: yes or no; a lost transaction is in the bank's database")
        .isEqualTo("yes");
  }
}
