package dualwrite.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.scenario.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run without faults measures a variant's delivery lag, so the first such run of a variant in a
 * JVM comes after a warm-up; a run with faults does not wait for one, and the warm-up leaves no run
 * folder and nothing in the run's truth.
 */
class AWarmUpPrecedesTheFirstRunWithoutFaultsTest {

  private static final String VARIANT = "naive/db-then-kafka";

  @Test
  void onlyTheFirstRunWithoutFaultsIsWarmedUpAndTheWarmUpLeavesNoTrace(@TempDir Path runs)
      throws IOException {
    Runner runner = LabRuns.runner().writingTo(runs);
    Strategies.Choice choice = Strategies.parse(VARIANT);

    RunResult faulted =
        runner.run(
            choice.strategy(),
            choice.variant(),
            Catalogue.named("crash-after-commit"),
            RunOptions.DEFAULT);
    assertThat(runner.warmedUp()).as("after a run with a fault").isEmpty();

    RunResult first =
        runner.run(choice.strategy(), choice.variant(), Catalogue.noFault(), RunOptions.DEFAULT);
    assertThat(runner.warmedUp()).containsExactly(VARIANT + "/idempotent");
    LabRuns.assertVerdict(first, Verdict.Validity.VALID);
    assertThat(first.verdict().counts().committed())
        .as("the run's truth holds its own thirty transactions, none of the warm-up's")
        .isEqualTo(30);

    RunResult second =
        runner.run(choice.strategy(), choice.variant(), Catalogue.noFault(), RunOptions.DEFAULT);
    LabRuns.assertVerdict(second, Verdict.Validity.VALID);
    assertThat(runner.warmedUp()).as("once per JVM and variant").hasSize(1);

    try (Stream<Path> folders = Files.walk(runs)) {
      assertThat(folders.filter(p -> p.endsWith("run.json")).map(Path::getParent))
          .as("one folder per run, none for the warm-up")
          .containsExactlyInAnyOrder(faulted.folder(), first.folder(), second.folder());
    }
  }
}
