package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    return new Verdict(validity, anomalies, Map.of(), null, List.of(), null, List.of());
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
    assertThat(Lab.exitFor(true, true, List.of(LOST)))
        .as("unclean election on: the fix's loss is Kafka's broken promise")
        .isZero();
    assertThat(Lab.exitFor(true, true, List.of(LOST, UNKNOWN)))
        .as("a run the checker could not judge never passes")
        .isEqualTo(Lab.EXIT_INVALID);
    assertThat(Lab.exitFor(true, false, List.of(UNKNOWN))).isEqualTo(Lab.EXIT_INVALID);
  }
}
