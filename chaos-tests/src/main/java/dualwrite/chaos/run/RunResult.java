package dualwrite.chaos.run;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a run left: its verdict, its history and the folder that holds them.
 *
 * @param strategy the strategy's name
 * @param variant the variant's name
 * @param scenario what was run
 * @param verdict the checker's answer
 * @param history every operation
 * @param folder where scenario.json, history.jsonl and verdict.json are
 * @param took the run's wall time
 */
public record RunResult(
    String strategy,
    String variant,
    Scenario scenario,
    Verdict verdict,
    List<Op> history,
    Path folder,
    Duration took) {

  /** {@code naive/db-then-kafka crash-after-commit: invalid: lost 1 (2.3 s)}. */
  public String summary() {
    return strategy
        + "/"
        + variant
        + " "
        + scenario.name()
        + ": "
        + verdict.summary()
        + String.format(" (%.1f s)", took.toMillis() / 1000.0);
  }
}
