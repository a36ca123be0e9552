package dualwrite.chaos.naive;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Unresolved;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each naive variant, under the fault that breaks it, shows exactly the anomaly it must. */
class NaiveDualWriteTest {

  @Test
  void dbThenKafkaLosesTheEventOfTheTransactionCommittedJustBeforeTheCrash() {
    RunResult result = LabRuns.run("naive/db-then-kafka", Catalogue.crashAfterCommit());

    UUID third = requested(result).get(2);
    assertThat(result.verdict().valid()).as(result.summary()).isEqualTo(Validity.INVALID);
    assertThat(result.verdict().of(Anomaly.LOST))
        .as("exactly the third transaction, committed when the bank died, is lost")
        .containsExactly(third);
    assertThat(result.verdict().found())
        .as("and nothing else is wrong")
        .containsExactly(Anomaly.LOST);
    assertThat(result.verdict().unresolved())
        .as("its client could not know what happened; the truth: it committed")
        .containsExactly(new Unresolved(third, true));
  }

  @Test
  void dbThenKafkaLosesEventsAndTellsClientsTheyFailedWhileItsKafkaLinkIsDown() {
    RunResult result = LabRuns.run("naive/db-then-kafka", Catalogue.bankKafkaDown());

    List<UUID> cutOff = requested(result).subList(0, 2);
    assertThat(result.verdict().of(Anomaly.LOST))
        .as("the two transactions recorded while Kafka was unreachable are lost")
        .containsExactlyInAnyOrderElementsOf(cutOff);
    assertThat(result.verdict().of(Anomaly.FAILED_BUT_COMMITTED))
        .as("and their clients were told they failed, although the money moved")
        .containsExactlyInAnyOrderElementsOf(cutOff);
    assertThat(result.verdict().found())
        .as("nothing else is wrong")
        .containsExactlyInAnyOrder(Anomaly.LOST, Anomaly.FAILED_BUT_COMMITTED);
  }

  @Test
  void kafkaThenDbPublishesAPhantomWhenTheCommitFails() {
    RunResult result = LabRuns.run("naive/kafka-then-db", Catalogue.commitFails());

    UUID second = requested(result).get(1);
    assertThat(result.verdict().of(Anomaly.PHANTOM))
        .as("the second transaction's event is on the topic, its transaction is not committed")
        .containsExactly(second);
    assertThat(result.verdict().found())
        .as("nothing else is wrong")
        .containsExactly(Anomaly.PHANTOM);
  }

  @Test
  void anAmbiguousCommitLeavesTheClientUnsureTheTransactionCommittedAndItsEventMissing() {
    RunResult result = LabRuns.run("naive/db-then-kafka", Catalogue.ambiguousCommit());

    UUID second = requested(result).get(1);
    assertThat(completion(result, second))
        .as("the client saw an error: the outcome is unknown to it")
        .isEqualTo(Op.Type.INFO);
    assertThat(result.verdict().unresolved())
        .as("the truth: the transaction committed")
        .containsExactly(new Unresolved(second, true));
    assertThat(result.verdict().of(Anomaly.LOST))
        .as("and its event was never published")
        .containsExactly(second);
    assertThat(result.verdict().found()).as("nothing else is wrong").containsExactly(Anomaly.LOST);
  }

  @Test
  void fireAndForgetLosesEveryEventStillInTheProducersBufferWhenTheBankDies() {
    RunResult result = LabRuns.run("naive/fire-and-forget", Catalogue.crashAfterSendCall());

    List<UUID> buffered = requested(result).subList(0, 3);
    assertThat(result.verdict().of(Anomaly.LOST))
        .as("the three events handed to the producer before the crash never left its buffer")
        .containsExactlyInAnyOrderElementsOf(buffered);
    assertThat(result.verdict().found()).as("nothing else is wrong").containsExactly(Anomaly.LOST);
    assertThat(completion(result, buffered.get(0)))
        .as("yet the first client was told its transaction was done")
        .isEqualTo(Op.Type.OK);
  }

  @Test
  void everyNaiveVariantIsValidWhenNothingBreaks() {
    for (String variant :
        List.of("db-then-kafka", "kafka-then-db", "send-in-transaction", "fire-and-forget")) {
      RunResult result = LabRuns.run("naive/" + variant, Catalogue.noFault());
      assertThat(result.verdict().valid())
          .as("the checker does not cry wolf: " + result.summary())
          .isEqualTo(Validity.VALID);
      assertThat(result.verdict().counts().committed())
          .as("all thirty transactions were committed")
          .isEqualTo(30L);
    }
  }

  /** The transaction ids the clients asked for, in the order they asked. */
  static List<UUID> requested(RunResult result) {
    return result.history().stream()
        .filter(op -> op.isClient() && op.type() == Op.Type.INVOKE)
        .map(Op::transactionId)
        .toList();
  }

  static Op.Type completion(RunResult result, UUID transactionId) {
    return result.history().stream()
        .filter(
            op -> op.isClient() && op.isCompletion() && transactionId.equals(op.transactionId()))
        .map(Op::type)
        .findFirst()
        .orElseThrow();
  }
}
