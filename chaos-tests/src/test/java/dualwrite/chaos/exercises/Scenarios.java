package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.FraudScenarios;
import dualwrite.chaos.scenario.RelayScenarios;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;

/**
 * The catalogue scenarios whose crash must fire for a check to mean anything. The catalogue waits
 * for the restarted service to reach its crash point ({@code await-armed}), so the scenarios are
 * the catalogue's own; what a check adds is the refusal to judge a run whose crash never fired.
 */
final class Scenarios {

  private Scenarios() {}

  /** The catalogue's {@code relay-crash-<point>}: a backlog of ten, the relay dies at point. */
  static Scenario relayCrash(String point) {
    return RelayScenarios.relayCrash(point);
  }

  /** The catalogue's {@code fraud-crash-after-commit}. */
  static Scenario fraudCrashAfterCommit() {
    return FraudScenarios.fraudCrashAfterCommit();
  }

  /**
   * @throws AssertionError when one of the run's faults missed (a failover that met no traffic): it
   *     showed nothing
   */
  static RunResult landed(RunResult result) {
    assertThat(result.verdict().faults())
        .as(
            "a fault of this run met no work, so it shows nothing; run the check again: %s",
            Observed.describe(result))
        .isNotEmpty()
        .allMatch(FaultOutcome::landed);
    return result;
  }

  /**
   * @throws AssertionError when the run armed a crash that never fired: it showed nothing
   */
  static RunResult crashed(RunResult result) {
    long armed = result.scenario().steps().stream().filter(s -> s instanceof Step.Crash).count();
    assertThat(result.verdict().faults())
        .filteredOn(fault -> fault.kind().equals("crash"))
        .as(
            "the armed crash never fired, so this run shows nothing; run the check again: %s",
            Observed.describe(result))
        .hasSize((int) armed)
        .allMatch(FaultOutcome::landed);
    return result;
  }
}
