package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.ScenarioBuilder;

/**
 * Catalogue scenarios whose crash must fire for a check to mean anything, with more time for it.
 * The catalogue's {@code relay-crash-*} and {@code fraud-crash-after-commit} give the restarted
 * service half a second to reach its crash point; on a loaded machine it can get there after the
 * run has healed everything, which disarms the crash, and the run shows nothing.
 */
final class Scenarios {

  private static final long TIME_TO_CRASH_MILLIS = 3000;

  private Scenarios() {}

  /** The catalogue's {@code relay-crash-<point>}: a backlog of ten, the relay dies at point. */
  static Scenario relayCrash(String point) {
    Scenario catalogue = Catalogue.relayCrash(point);
    return ScenarioBuilder.scenario(catalogue.name(), catalogue.description())
        .clients(2)
        .kill("relay")
        .records(10, 3)
        .awaitClients()
        .crash("relay", point, 1)
        .restart("relay")
        .waitMillis(TIME_TO_CRASH_MILLIS)
        .restart("relay")
        .records(4, 3)
        .build();
  }

  /** The catalogue's {@code fraud-crash-after-commit}, with time for the crash to fire. */
  static Scenario fraudCrashAfterCommit() {
    Scenario catalogue = Catalogue.fraudCrashAfterCommit();
    return ScenarioBuilder.scenario(catalogue.name(), catalogue.description())
        .crash("fraud", "after-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .waitMillis(TIME_TO_CRASH_MILLIS)
        .restart("fraud")
        .records(2, 2)
        .build();
  }

  /**
   * @throws AssertionError when the run armed a crash that never fired: it showed nothing
   */
  static RunResult crashed(RunResult result) {
    boolean armed = result.history().stream().anyMatch(op -> "arm-crash".equals(op.f()));
    boolean fired =
        result.history().stream()
            .anyMatch(op -> Op.NEMESIS.equals(op.process()) && "crashed".equals(op.f()));
    assertThat(!armed || fired)
        .as(
            "the armed crash never fired, so this run shows nothing; run the check again: %s",
            Observed.describe(result))
        .isTrue();
    return result;
  }
}
