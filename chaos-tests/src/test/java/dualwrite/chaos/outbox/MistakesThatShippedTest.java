package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.RelayScenarios;
import dualwrite.chaos.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox foils from public bug reports each break under their catalogue scenario, with exactly
 * the anomaly their mistake makes, and every fault of the run landed. (That the fixes hold under
 * the same scenarios is the catalogue suite's claim.)
 */
class MistakesThatShippedTest {

  @Test
  void markingBeforeTheAcknowledgementLosesWhatKafkaNeverGot() {
    assertBroken(
        "outbox/mark-before-ack", RelayScenarios.relayKafkaBlackhole(), List.of(Anomaly.LOST));
  }

  @Test
  void anIdCursorSkipsTheRowWhoseTransactionCommittedLate() {
    assertBroken("outbox/id-cursor", Catalogue.stalledCommit(), List.of(Anomaly.LOST));
  }

  @Test
  void relaysThatSkipLockedRowsReorderAnAccount() {
    assertBroken(
        "outbox/skip-locked-rows",
        RelayScenarios.twoRelaysCrashMidBatch(),
        List.of(Anomaly.OUT_OF_ORDER));
  }

  private static void assertBroken(String variant, Scenario scenario, List<Anomaly> exactly) {
    RunResult result = LabRuns.run(variant, scenario);
    assertThat(result.verdict().valid())
        .as("%s: %s", result.summary(), result.folder())
        .isEqualTo(Validity.INVALID);
    assertThat(result.verdict().found().stream().filter(Anomaly::invalidates).toList())
        .as("%s: the anomalies that break a promise", result.summary())
        .containsExactlyElementsOf(exactly);
    LabRuns.assertEveryFaultLanded(result);
  }
}
