package dualwrite.chaos.cli;

import dualwrite.chaos.property.FaultMenu;
import dualwrite.chaos.property.GeneratedRuns;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a recorded scenario again: from its run folder, or from its seed. */
@Command(
    name = "replay",
    description = "Run a recorded scenario again, from its run folder or from its seed.",
    footer = {
      "",
      "Examples:",
      "  ./lab replay target/lab-runs/naive/db-then-kafka/crash-after-commit/20261127-101500-123-a1b2",
      "  ./lab replay 20261127:17 --variant outbox/cdc"
    })
final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<run folder or seed>",
      description = "a run folder, or a generated scenario's seed as <seed>:<index>")
  String what;

  @Option(
      names = "--variant",
      paramLabel = "<strategy>/<variant>",
      description = "the variant to run a seed against (a run folder knows its own)")
  String variant;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path folder = Path.of(what);
    Strategies.Choice choice;
    Scenario scenario;
    Runner runner;
    RunOptions options = RunOptions.DEFAULT;
    if (Files.isDirectory(folder)) {
      if (!Files.exists(folder.resolve("scenario.json"))) {
        throw new IllegalArgumentException(folder + " is not a run folder (no scenario.json)");
      }
      RunFolder.RunInfo info = RunFolder.readInfo(folder);
      choice = Strategies.parse(variant != null ? variant : info.strategy() + "/" + info.variant());
      scenario = RunFolder.readScenario(folder);
      // the run's own options: a run made without the fraud service's inbox replays without it
      options = RunOptions.DEFAULT.withIdempotentConsumer(info.defaultOptions());
      runner = Lab.runner();
    } else if (what.matches("\\d+:\\d+")) {
      if (variant == null) {
        throw new IllegalArgumentException("a seed needs --variant <strategy>/<variant>");
      }
      choice = Strategies.parse(variant);
      String[] parts = what.split(":");
      runner = Lab.runner();
      scenario =
          GeneratedRuns.scenarios(
                  runner,
                  choice,
                  FaultMenu.everything(),
                  new GeneratedRuns.Settings(
                      Long.parseLong(parts[0]), 1, Integer.valueOf(parts[1]), Duration.ZERO))
              .get(0);
    } else {
      throw new IllegalArgumentException(
          "'" + what + "' is neither a run folder nor a seed like 20261127:17");
    }
    return RunCommand.report(out, runner, choice, scenario, options);
  }
}
