package dualwrite.chaos.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.FraudScenarios;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each foil of a fraud consumer breaks its promise under its catalogue scenario, with exactly the
 * anomaly it is there to show and every fault landed; the idempotent default keeps it under the
 * same scenario.
 */
class ConsumerFoilsTest {

  private static final String VARIANT = "naive/db-then-kafka";

  @Test
  void autoCommitMovesPastABatchWhoseChecksFailedToCommit() {
    RunResult result =
        LabRuns.run(
            VARIANT,
            FraudScenarios.fraudCommitFails(),
            RunOptions.DEFAULT.withConsumer(ConsumerMode.AUTO_COMMIT));

    LabRuns.assertVerdict(result, Validity.INVALID);
    LabRuns.assertEveryFaultLanded(result);
    assertThat(result.verdict().found())
        .as("the failed batch was never read again, and nothing else is wrong")
        .containsExactly(Anomaly.UNCHECKED);
    assertThat(checksPerTransaction(result))
        .as("every other transaction was checked, once")
        .isEqualTo(onceEach(result, Set.copyOf(result.verdict().of(Anomaly.UNCHECKED))));
  }

  @Test
  void theIdempotentConsumerReadsAFailedBatchAgain() {
    RunResult result = LabRuns.run(VARIANT, FraudScenarios.fraudCommitFails(), RunOptions.DEFAULT);

    LabRuns.assertVerdict(result, Validity.VALID);
    LabRuns.assertEveryFaultLanded(result);
    assertThat(result.verdict().found()).as(result.summary()).isEmpty();
    assertThat(checksPerTransaction(result)).isEqualTo(onceEach(result, Set.of()));
  }

  @Test
  void anInboxOutsideTheChecksTransactionForgetsTheBatchItDiedOn() {
    IdsAtTheCrash atTheCrash = inboxAtTheCrash();
    RunResult result =
        LabRuns.run(
            VARIANT,
            FraudScenarios.fraudCrashBeforeCommit(),
            RunOptions.DEFAULT
                .withConsumer(ConsumerMode.INBOX_OUTSIDE_TRANSACTION)
                .withCrashWitness(atTheCrash));

    LabRuns.assertVerdict(result, Validity.INVALID);
    LabRuns.assertEveryFaultLanded(result);
    Set<UUID> remembered = transactionsOf(result, atTheCrash.ids(result));
    assertThat(remembered)
        .as("the inbox had committed the batch's event ids when the service died")
        .isNotEmpty();
    assertThat(result.verdict().found())
        .as("nothing else is wrong: the events were delivered, and skipped as seen")
        .containsExactly(Anomaly.UNCHECKED);
    assertThat(result.verdict().of(Anomaly.UNCHECKED))
        .as("exactly the batch the inbox remembered at the crash %s went unchecked", remembered)
        .containsExactlyInAnyOrderElementsOf(remembered);
    assertThat(checksPerTransaction(result)).isEqualTo(onceEach(result, remembered));
  }

  @Test
  void theIdempotentConsumerKeepsNothingOfTheBatchItDiedOn() {
    IdsAtTheCrash atTheCrash = inboxAtTheCrash();
    RunResult result =
        LabRuns.run(
            VARIANT,
            FraudScenarios.fraudCrashBeforeCommit(),
            RunOptions.DEFAULT.withCrashWitness(atTheCrash));

    LabRuns.assertVerdict(result, Validity.VALID);
    LabRuns.assertEveryFaultLanded(result);
    assertThat(atTheCrash.ids(result))
        .as("the inbox rows went with the checks' transaction")
        .isEmpty();
    assertThat(result.verdict().found()).as(result.summary()).isEmpty();
    assertThat(checksPerTransaction(result)).isEqualTo(onceEach(result, Set.of()));
  }

  /**
   * Auto-commit in a poll loop that checks each batch before it polls again commits no offset of a
   * batch before its checks: a crash in the middle of one loses nothing. What it loses is a batch
   * that failed, above.
   */
  @Test
  void autoCommitLosesNothingToACrashInTheMiddleOfABatch() {
    RunResult result =
        LabRuns.run(
            VARIANT,
            FraudScenarios.fraudCrashBeforeCommit(),
            RunOptions.DEFAULT.withConsumer(ConsumerMode.AUTO_COMMIT));

    LabRuns.assertVerdict(result, Validity.VALID);
    LabRuns.assertEveryFaultLanded(result);
    assertThat(result.verdict().found()).as(result.summary()).isEmpty();
    assertThat(checksPerTransaction(result)).isEqualTo(onceEach(result, Set.of()));
  }

  /**
   * The table of page 6: every consumer under each of the catalogue's three fraud scenarios, with
   * the anomalies that invalidate ({@code none} for a valid run).
   */
  @ParameterizedTest(name = "{0} under {1}: {2}")
  @CsvSource({
    // idempotent under fraud-crash-before-commit and fraud-commit-fails, auto-commit under
    // fraud-commit-fails and inbox-outside-transaction under fraud-crash-before-commit: the tests
    // above, which say more about them
    "idempotent, fraud-crash-after-commit, none",
    "non-idempotent, fraud-crash-after-commit, processed-twice",
    "non-idempotent, fraud-crash-before-commit, none",
    "non-idempotent, fraud-commit-fails, none",
    "auto-commit, fraud-crash-after-commit, none",
    "auto-commit, fraud-crash-before-commit, none",
    "inbox-outside-transaction, fraud-crash-after-commit, none",
    "inbox-outside-transaction, fraud-commit-fails, unchecked"
  })
  void everyConsumerUnderEachFraudScenario(String consumer, String scenario, String expected) {
    RunResult result =
        LabRuns.run(
            "outbox/polling",
            Catalogue.named(scenario),
            RunOptions.DEFAULT.withConsumer(ConsumerMode.fromLabel(consumer)));

    LabRuns.assertVerdict(result, expected.equals("none") ? Validity.VALID : Validity.INVALID);
    LabRuns.assertEveryFaultLanded(result);
    assertThat(
            result.verdict().found().stream()
                .filter(Anomaly::invalidates)
                .map(Anomaly::label)
                .toList())
        .as("%s, in %s", result.summary(), result.folder())
        .isEqualTo(expected.equals("none") ? List.of() : List.of(expected));
  }

  /** The event ids in the fraud service's inbox when it died at before-db-commit. */
  private static IdsAtTheCrash inboxAtTheCrash() {
    return new IdsAtTheCrash(
        FraudDetectionService.BEFORE_DB_COMMIT, "SELECT event_id FROM fraud.processed_events");
  }

  /** The committed transactions whose events have these ids. */
  private static Set<UUID> transactionsOf(RunResult result, List<UUID> eventIds) {
    return RunFolder.readTruth(result.folder()).committed().stream()
        .filter(committed -> eventIds.contains(committed.eventId()))
        .map(Truth.Committed::transactionId)
        .collect(Collectors.toSet());
  }

  /** How many fraud checks each transaction got, from the run's truth. */
  private static Map<UUID, Long> checksPerTransaction(RunResult result) {
    return RunFolder.readTruth(result.folder()).checks().stream()
        .collect(Collectors.groupingBy(Truth.Checked::transactionId, Collectors.counting()));
  }

  /** Every committed transaction checked once, but those {@code never} checked. */
  private static Map<UUID, Long> onceEach(RunResult result, Set<UUID> never) {
    return RunFolder.readTruth(result.folder()).committed().stream()
        .map(Truth.Committed::transactionId)
        .filter(id -> !never.contains(id))
        .collect(Collectors.toMap(id -> id, id -> 1L));
  }
}
