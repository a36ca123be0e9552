package dualwrite.chaos.naive;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NaiveDualWriteTest {

  @Test
  void dbThenKafkaLosesTheEventOfTheTransactionCommittedJustBeforeTheCrash() {
    RunResult result = LabRuns.run("naive/db-then-kafka", Catalogue.crashAfterCommit());

    UUID third = recordInvocations(result).get(2);
    assertThat(result.verdict().valid()).as(result.summary()).isEqualTo(Validity.INVALID);
    assertThat(result.verdict().of(Anomaly.LOST))
        .as("exactly the third transaction, committed when the bank died, is lost")
        .containsExactly(third);
    assertThat(result.verdict().found())
        .as("and nothing else is wrong")
        .containsExactly(Anomaly.LOST);
  }

  @Test
  void everyNaiveVariantIsValidWhenNothingBreaks() {
    for (String variant :
        List.of("db-then-kafka", "kafka-then-db", "send-in-transaction", "fire-and-forget")) {
      RunResult result = LabRuns.run("naive/" + variant, Catalogue.noFault());
      assertThat(result.verdict().valid())
          .as("the checker does not cry wolf: " + result.summary())
          .isEqualTo(Validity.VALID);
      assertThat(result.verdict().counts().get("committed"))
          .as("all thirty transactions were committed")
          .isEqualTo(30L);
    }
  }

  static List<UUID> recordInvocations(RunResult result) {
    return result.history().stream()
        .filter(op -> op.isClient() && op.type() == Op.Type.INVOKE)
        .map(Op::transactionId)
        .toList();
  }
}
