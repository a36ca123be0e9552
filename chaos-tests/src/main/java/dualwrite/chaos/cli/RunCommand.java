package dualwrite.chaos.cli;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs one catalogue scenario against one strategy variant and explains the verdict. */
@Command(
    name = "run",
    description = "Run one scenario of the catalogue against one strategy variant.",
    footer = {
      "",
      "Examples:",
      "  ./lab run naive/db-then-kafka crash-after-commit",
      "  ./lab run outbox/polling fraud-commit-fails --consumer auto-commit"
    })
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Parameters(index = "0", paramLabel = "<strategy>[/<variant>]", description = "e.g. outbox/cdc")
  String variant;

  @Parameters(index = "1", paramLabel = "<scenario>", description = "e.g. broker-kill")
  String scenarioName;

  @CommandLine.Mixin ConsumerOption consumer;

  @Override
  public Integer call() {
    Strategies.Choice choice = Strategies.parse(variant);
    Scenario scenario = Catalogue.named(scenarioName);
    RunOptions options = RunOptions.DEFAULT.withConsumer(consumer.mode());
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    Runner runner = Lab.runner();
    runner
        .whyNotApplicable(choice.strategy(), choice.variant(), scenario)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(
                  scenario.name() + " does not apply to " + choice + ": " + why);
            });
    return report(out, runner, choice, scenario, options);
  }

  /** Runs, prints the story, the verdict explained and the folder; the exit status. */
  static int report(
      PrintWriter out,
      Runner runner,
      Strategies.Choice choice,
      Scenario scenario,
      RunOptions options) {
    tellStory(out, choice, scenario, options);
    RunResult result = runner.run(choice.strategy(), choice.variant(), scenario, options);
    out.println();
    out.print(Explanation.of(result));
    out.println("Run folder: " + result.folder());
    out.flush();
    return Lab.exitFor(choice.variant().fix(), scenario.weakensKafka(), List.of(result.verdict()));
  }

  /**
   * What is about to run: the variant, the scenario and its steps as a story, and the fraud
   * service's consumer when it is a foil.
   */
  static void tellStory(
      PrintWriter out, Strategies.Choice choice, Scenario scenario, RunOptions options) {
    out.println(choice + " under " + scenario.name() + ": " + scenario.description());
    if (options.consumer() != ConsumerMode.IDEMPOTENT) {
      out.println(
          "The fraud service runs the "
              + options.consumer().label()
              + " foil: "
              + options.consumer().story()
              + ".");
    }
    out.print(scenario.story());
    out.flush();
  }
}
