package dualwrite.chaos.property;

import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Scenario;
import java.time.Duration;

/** Where the search ended. */
public record Shrunk(
    Scenario original,
    Scenario smallest,
    RunResult result,
    int attempts,
    Duration took,
    boolean finished) {

  /** {@code 31 steps -> 4 steps in 17 runs (42 s), done} */
  public String progress() {
    return original.steps().size()
        + " steps -> "
        + smallest.steps().size()
        + " steps in "
        + attempts
        + " runs ("
        + took.toSeconds()
        + " s), "
        + (finished ? "done" : "stopped by the time budget");
  }
}
