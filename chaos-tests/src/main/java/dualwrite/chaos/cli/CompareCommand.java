package dualwrite.chaos.cli;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every strategy variant under every catalogue scenario that applies to it, then writes the
 * report. The lab's main job.
 */
@Command(
    name = "compare",
    description = {
      "Run every variant under every catalogue scenario, then write the report.",
      "The report goes to target/lab-report; exit status 1 when a fix breaks a promise, 6 when a"
          + " run proves nothing (none of its faults landed)."
    })
final class CompareCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @CommandLine.Mixin VariantsOption variants;

  @CommandLine.Mixin ConsumerOption consumer;

  @Option(
      names = "--scenarios",
      split = ",",
      paramLabel = "<scenario>",
      description = "only these scenarios (default: the whole catalogue)")
  List<String> scenarios;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int kafka = BrokersOption.chosen();
    RunOptions options = RunOptions.DEFAULT.withConsumer(consumer.mode());
    // A foil whose mistake only a cluster shows, and the cluster's scenarios, wait for --brokers 3
    List<Strategies.Choice> choices =
        variants.choices().stream()
            .filter(choice -> variants.named() || choice.variant().brokers() <= kafka)
            .toList();
    List<Scenario> catalogue =
        scenarios == null
            ? Catalogue.forBrokers(kafka)
            : scenarios.stream().map(Catalogue::named).toList();
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    long started = System.nanoTime();
    Runner runner = Lab.runner();

    ComparisonOutcomes outcomes = runAll(runner, choices, catalogue, options);
    printMatrix(out, outcomes.matrix(), catalogue);
    if (options.consumer() != ConsumerMode.IDEMPOTENT) {
      out.println();
      out.println(
          "The fraud service ran as "
              + options.consumer().label()
              + ": the report keeps these runs out of its comparison (each run page shows them).");
    }
    out.println();
    out.println(ReportStep.write(Lab.RUNS, Lab.REPORT));
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    out.printf("compare took %d min %02d s%n", seconds / 60, seconds % 60);
    outcomes.print(out);
    out.flush();
    return !outcomes.brokenFixes().isEmpty()
        ? Lab.EXIT_INVALID
        : !outcomes.vacuous().isEmpty() ? Lab.EXIT_VACUOUS : 0;
  }

  private static ComparisonOutcomes runAll(
      Runner runner,
      List<Strategies.Choice> choices,
      List<Scenario> catalogue,
      RunOptions options) {
    ComparisonOutcomes outcomes =
        new ComparisonOutcomes(
            new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try (ProgressBar bar = Progress.bar("compare", (long) choices.size() * catalogue.size())) {
      for (Strategies.Choice choice : choices) {
        Map<String, String> row = new LinkedHashMap<>();
        outcomes.matrix().put(choice.toString(), row);
        for (Scenario scenario : catalogue) {
          bar.setExtraMessage(" " + choice + " " + scenario.name());
          Optional<String> why =
              runner.whyNotApplicable(choice.strategy(), choice.variant(), scenario);
          if (why.isPresent()) {
            row.put(scenario.name(), "n/a");
          } else {
            RunResult result = runner.run(choice.strategy(), choice.variant(), scenario, options);
            row.put(scenario.name(), result.verdict().summary());
            tally(outcomes, choice, scenario, result);
          }
          bar.step();
        }
      }
    }
    return outcomes;
  }

  private static void tally(
      ComparisonOutcomes outcomes, Strategies.Choice choice, Scenario scenario, RunResult result) {
    String line = result.summary() + " -> " + result.folder();
    if (choice.variant().fix()
        && scenario.weakensKafka()
        && result.verdict().kafkaBrokeItsPromise()) {
      outcomes.kafkasLosses().add(line);
    } else if (choice.variant().fix() && Lab.brokeOrUndecided(result.verdict())) {
      outcomes.brokenFixes().add(line);
    }
    if (result.verdict().valid() == Validity.VACUOUS) {
      outcomes.vacuous().add(line);
    }
  }

  private static void printMatrix(
      PrintWriter out, Map<String, Map<String, String>> matrix, List<Scenario> catalogue) {
    for (Scenario scenario : catalogue) {
      out.println(scenario.name());
      matrix.forEach(
          (variant, row) -> {
            String cell = row.get(scenario.name());
            if (!"n/a".equals(cell)) {
              out.printf("  %-28s %s%n", variant, cell);
            }
          });
    }
  }
}
