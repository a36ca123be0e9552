package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.docs.RepositoryRoot;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 6: the gap trap. The id-cursor relay loses a transaction that committed late, without a
 * fault; the log relay does not, because of one condition in its query.
 */
@Tag("exercise")
class Exercise06GapTrapTest {

  private static final Path SOURCES =
      Path.of("event-sourced-fix/src/main/java/dualwrite/eventsourced");

  @Test
  void theGuardIsTheConditionOnlyTheLogRelayHas() throws IOException {
    String guard = Answers.of("06").get("guard");
    String gapSafe =
        Files.readString(RepositoryRoot.path().resolve(SOURCES.resolve("GapSafeCursor.java")));
    String naive =
        Files.readString(RepositoryRoot.path().resolve(SOURCES.resolve("NaiveIdCursor.java")));
    assertThat(gapSafe)
        .as(
            "guard: the PostgreSQL function whose result GapSafeCursor compares writer_xid with,"
                + " the oldest transaction still running")
        .contains("writer_xid < " + guard + "(");
    assertThat(naive).as("guard: the naive cursor's query must not have it").doesNotContain(guard);
  }

  @Test
  void thePredictionsMatchRealRuns() {
    Answers answers = Answers.of("06");
    answers.requireAll(
        List.of(
            "naive-cursor.stalled-commit",
            "naive-cursor.client-was-told",
            "log-relay.stalled-commit"));
    SoftAssertions softly = new SoftAssertions();

    RunResult naive = LabRuns.run("event-sourced/naive-cursor", Catalogue.stalledCommit());
    softly
        .assertThat(Observed.labels(answers.get("naive-cursor.stalled-commit")))
        .as("naive-cursor.stalled-commit; the lab says %s", Observed.describe(naive))
        .isEqualTo(Observed.anomalies(naive));
    List<UUID> lost = naive.verdict().of(Anomaly.LOST);
    if (!lost.isEmpty()) {
      softly
          .assertThat(answers.get("naive-cursor.client-was-told"))
          .as("naive-cursor.client-was-told: ok, fail or unknown, for the lost transaction")
          .isEqualTo(Observed.told(naive, lost.get(0)));
    }

    RunResult log = LabRuns.run("event-sourced/log-relay", Catalogue.stalledCommit());
    softly
        .assertThat(Observed.labels(answers.get("log-relay.stalled-commit")))
        .as("log-relay.stalled-commit; the lab says %s", Observed.describe(log))
        .isEqualTo(Observed.anomalies(log));
    softly.assertAll();
  }
}
