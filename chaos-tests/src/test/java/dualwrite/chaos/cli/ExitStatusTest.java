package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a command's exit status says about the verdicts of its runs. */
class ExitStatusTest {

  private static final Verdict VALID = verdict(Validity.VALID);
  private static final Verdict LOST = verdict(Validity.INVALID);
  private static final Verdict UNKNOWN = Verdict.unknown("the run did not settle");
  private static final Verdict VACUOUS = verdict(Validity.VACUOUS);

  private static Verdict verdict(Validity validity) {
    Map<String, List<UUID>> anomalies =
        validity == Validity.INVALID ? Map.of("lost", List.of(UUID.randomUUID())) : Map.of();
    return new Verdict(validity, anomalies, Counts.NONE, null, List.of(), null, List.of());
  }

  @Test
  void aFixThatBreaksAPromiseFailsAndAFoilThatBreaksOneDoesNot() {
    assertThat(Lab.exitFor(true, List.of(VALID, LOST))).isEqualTo(Lab.EXIT_INVALID);
    assertThat(Lab.exitFor(false, List.of(LOST))).isZero();
    assertThat(Lab.exitFor(true, List.of(VALID))).isZero();
    assertThat(Lab.exitFor(true, List.of(VALID, VACUOUS))).isEqualTo(Lab.EXIT_VACUOUS);
  }

  @Test
  void aLossWhereKafkaWasAllowedToLoseIsKafkasButAnUnknownStillFails() {
    Verdict kafkasLoss =
        new Verdict(
            Validity.INVALID,
            Map.of("lost", List.of(UUID.randomUUID())),
            Counts.NONE,
            null,
            List.of(),
            null,
            List.of(),
            List.of(dualwrite.chaos.checker.Checker.KAFKA_BROKE_ITS_PROMISE + ": ..."));
    assertThat(Lab.exitFor(true, true, List.of(kafkasLoss)))
        .as("unclean election on, and the checker laid the loss at Kafka's door")
        .isZero();
    assertThat(Lab.exitFor(true, true, List.of(LOST)))
        .as("a loss the checker did not lay at Kafka's door is the fix's")
        .isEqualTo(Lab.EXIT_INVALID);
    assertThat(Lab.exitFor(true, true, List.of(kafkasLoss, UNKNOWN)))
        .as("a run the checker could not judge never passes")
        .isEqualTo(Lab.EXIT_INVALID);
    assertThat(Lab.exitFor(true, false, List.of(kafkasLoss)))
        .as("outside such a scenario nothing is excused")
        .isEqualTo(Lab.EXIT_INVALID);
    Verdict phantom =
        new Verdict(
            Validity.INVALID,
            Map.of("phantom", List.of(UUID.randomUUID())),
            Counts.NONE,
            null,
            List.of(),
            null,
            List.of(),
            kafkasLoss.notes());
    assertThat(Lab.exitFor(true, true, List.of(phantom)))
        .as("only a loss can be Kafka's; a phantom is the strategy's")
        .isEqualTo(Lab.EXIT_INVALID);
  }
}
