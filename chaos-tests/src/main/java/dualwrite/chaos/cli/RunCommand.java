package dualwrite.chaos.cli;

import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one catalogue scenario against one strategy variant and explains the verdict. */
@Command(
    name = "run",
    description = "Run one scenario of the catalogue against one strategy variant.",
    footer = {"", "Example: ./lab run naive/db-then-kafka crash-after-commit"})
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Parameters(index = "0", paramLabel = "<strategy>[/<variant>]", description = "e.g. outbox/cdc")
  String variant;

  @Parameters(index = "1", paramLabel = "<scenario>", description = "e.g. broker-kill")
  String scenarioName;

  @Option(
      names = "--non-idempotent-consumer",
      description = "Run the fraud service without its inbox, to see redeliveries processed twice.")
  boolean nonIdempotent;

  @Override
  public Integer call() {
    Strategies.Choice choice = Strategies.parse(variant);
    Scenario scenario = Catalogue.named(scenarioName);
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
    return report(
        out, runner, choice, scenario, RunOptions.DEFAULT.withIdempotentConsumer(!nonIdempotent));
  }

  /** Runs, prints the story, the verdict explained and the folder; the exit status. */
  static int report(
      PrintWriter out,
      Runner runner,
      Strategies.Choice choice,
      Scenario scenario,
      RunOptions options) {
    tellStory(out, choice, scenario);
    RunResult result = runner.run(choice.strategy(), choice.variant(), scenario, options);
    out.println();
    out.print(Explanation.of(result));
    out.println("Run folder: " + result.folder());
    out.flush();
    return Lab.exitFor(
        choice.variant().fix(), scenario.weakensKafka(), java.util.List.of(result.verdict()));
  }

  /** What is about to run: the variant, the scenario and its steps as a story. */
  static void tellStory(PrintWriter out, Strategies.Choice choice, Scenario scenario) {
    out.println(choice + " under " + scenario.name() + ": " + scenario.description());
    out.print(scenario.story());
    out.flush();
  }
}
