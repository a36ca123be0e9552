package dualwrite.chaos;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import java.nio.file.Path;

/** The test JVM's runner, on the shared environment, leaving folders in target/lab-runs. */
public final class LabRuns {

  private static Runner runner;
  private static Runner clusterRunner;

  private LabRuns() {}

  public static synchronized Runner runner() {
    if (runner == null) {
      runner = new Runner(Environments.shared(), Path.of("target", "lab-runs"));
    }
    return runner;
  }

  /**
   * The runner on the JVM's three-broker cluster, started on first use: the cluster suite's. The
   * single-broker environment of the same JVM is not touched.
   */
  public static synchronized Runner clusterRunner() {
    if (clusterRunner == null) {
      clusterRunner = new Runner(Environments.shared(3), Path.of("target", "lab-runs"));
    }
    return clusterRunner;
  }

  /** Runs a scenario against {@code strategy/variant} on the three-broker cluster. */
  public static RunResult runOnCluster(String strategyAndVariant, Scenario scenario) {
    return runOnCluster(strategyAndVariant, scenario, RunOptions.DEFAULT);
  }

  public static RunResult runOnCluster(
      String strategyAndVariant, Scenario scenario, RunOptions options) {
    Strategies.Choice choice = Strategies.parse(strategyAndVariant);
    return clusterRunner().run(choice.strategy(), choice.variant(), scenario, options);
  }

  /** Runs a scenario against {@code strategy/variant}. */
  public static RunResult run(String strategyAndVariant, Scenario scenario) {
    return run(strategyAndVariant, scenario, RunOptions.DEFAULT);
  }

  public static RunResult run(String strategyAndVariant, Scenario scenario, RunOptions options) {
    Strategies.Choice choice = Strategies.parse(strategyAndVariant);
    return runner().run(choice.strategy(), choice.variant(), scenario, options);
  }

  /**
   * Asserts the run's verdict. An unknown verdict has no anomalies and no counts, so every claim
   * about them would pass on it: the verdict must be the definite one the test expects first.
   */
  public static void assertVerdict(RunResult result, Verdict.Validity expected) {
    org.assertj.core.api.Assertions.assertThat(result.verdict().valid())
        .as("the verdict: %s, in %s", result.summary(), result.folder())
        .isEqualTo(expected);
  }

  /**
   * Asserts that every fault of the run landed: a test that injects a fault shows something only if
   * the fault met the work it targets.
   */
  public static void assertEveryFaultLanded(RunResult result) {
    org.assertj.core.api.Assertions.assertThat(result.verdict().faults())
        .as("%s: every fault landed (%s)", result.summary(), result.folder())
        .allSatisfy(
            fault ->
                org.assertj.core.api.Assertions.assertThat(fault.landed())
                    .as("%s: %s", fault.step(), fault.evidence())
                    .isTrue());
  }
}
