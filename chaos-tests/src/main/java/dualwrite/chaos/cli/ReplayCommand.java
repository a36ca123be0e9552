package dualwrite.chaos.cli;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.property.FaultMenu;
import dualwrite.chaos.property.GeneratedRuns;
import dualwrite.chaos.property.GenerationSettings;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a recorded scenario again: from its run folder, or from its seed; with {@code --times},
 * again and again, and tallies the verdicts, since a fault's timing can make one run differ from
 * the next.
 */
@Command(
    name = "replay",
    description = "Run a recorded scenario again, from its run folder or from its seed.",
    footer = {
      "",
      "Examples:",
      "  ./lab replay target/lab-runs/naive/db-then-kafka/crash-after-commit/20261127-101500-123-a1b2",
      "  ./lab replay 20261127:17 --variant outbox/cdc",
      "  ./lab replay 20261127:17 --variant outbox/cdc --times 10"
    })
final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

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

  @Option(
      names = "--times",
      defaultValue = "1",
      paramLabel = "<n>",
      description = {
        "run it n times, each in a fresh run space leaving its folder, and tally how many runs"
            + " gave each verdict and showed each anomaly (${DEFAULT-VALUE})",
        "the runs decide the exit status together, as for one run: 1 when the variant is a fix"
            + " and any run is invalid or unknown, else 6 when any run is vacuous"
      })
  int times;

  @Override
  public Integer call() {
    if (times < 1) {
      throw new IllegalArgumentException("--times must be 1 or more");
    }
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
      // the run's own options: a run made with a foil of a fraud consumer replays with it
      options = RunOptions.DEFAULT.withConsumer(info.consumerMode());
      // and on as many brokers as it had, unless told otherwise
      if (System.getProperty("lab.brokers") == null && System.getenv("LAB_BROKERS") == null) {
        System.setProperty("lab.brokers", Integer.toString(info.brokerCount()));
      }
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
                  new GenerationSettings(
                      Long.parseLong(parts[0]), 1, Integer.valueOf(parts[1]), Duration.ZERO))
              .get(0);
    } else {
      throw new IllegalArgumentException(
          "'" + what + "' is neither a run folder nor a seed like 20261127:17");
    }
    if (times == 1) {
      return RunCommand.report(out, runner, choice, scenario, options);
    }
    return tally(out, runner, choice, scenario, options);
  }

  /** Runs the scenario {@code times} times, lists the runs and tallies them; the exit status. */
  private int tally(
      PrintWriter out,
      Runner runner,
      Strategies.Choice choice,
      Scenario scenario,
      RunOptions options) {
    RunCommand.tellStory(out, choice, scenario, options);
    List<RunResult> results = new ArrayList<>();
    try (ProgressBar bar = Progress.bar("replay " + choice, times)) {
      for (int i = 0; i < times; i++) {
        RunResult result = runner.run(choice.strategy(), choice.variant(), scenario, options);
        results.add(result);
        bar.setExtraMessage(" " + result.verdict().summary());
        bar.step();
      }
    }
    out.println();
    out.println("Run folders:");
    String numbered = "  %" + String.valueOf(times).length() + "d. %s -> %s%n";
    for (int i = 0; i < results.size(); i++) {
      RunResult result = results.get(i);
      out.printf(numbered, i + 1, result.verdict().summary(), result.folder());
    }
    out.println();
    List<Verdict> verdicts = results.stream().map(RunResult::verdict).toList();
    out.print(ReplayTally.of(verdicts).describe(choice + " " + scenario.name()));
    out.flush();
    return Lab.exitFor(choice.variant().fix(), scenario.weakensKafka(), verdicts);
  }
}
