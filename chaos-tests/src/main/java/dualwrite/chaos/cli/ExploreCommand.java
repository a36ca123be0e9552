package dualwrite.chaos.cli;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.property.Counterexample;
import dualwrite.chaos.property.Coverage;
import dualwrite.chaos.property.FaultMenu;
import dualwrite.chaos.property.GeneratedRuns;
import dualwrite.chaos.property.GenerationSettings;
import dualwrite.chaos.property.Property;
import dualwrite.chaos.property.Shard;
import dualwrite.chaos.property.Shrinker;
import dualwrite.chaos.property.Shrunk;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs generated scenarios against one variant and holds it to a fix's properties; the first broken
 * property is shrunk to the smallest scenario that still breaks it.
 */
@Command(
    name = "explore",
    description = {
      "Hold one variant to a fix's properties under generated scenarios.",
      "The first broken property is shrunk to the smallest scenario that still breaks it."
    },
    footer = {
      "",
      "Example: ./lab explore naive/db-then-kafka --count 20",
      "On machine 2 of 4: ./lab explore outbox/polling --count 1000 --seed 42 --shard 2/4"
    })
final class ExploreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Parameters(index = "0", paramLabel = "<strategy>/<variant>")
  String variant;

  @Option(
      names = "--count",
      defaultValue = "20",
      description = "how many scenarios (${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "" + GeneratedRuns.DEFAULT_SEED,
      description = "the seed they come from (${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description = {
        "run only the K-th of N disjoint slices of the scenarios, for N machines that share",
        "one --seed; ./lab report --merge puts their run folders in one report"
      })
  String shard;

  @Option(
      names = "--shrink-seconds",
      defaultValue = "120",
      description = "how long shrinking may take (${DEFAULT-VALUE})")
  long shrinkSeconds;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be 1 or more");
    }
    Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
    int inSlice = (int) IntStream.range(0, count).filter(slice::takes).count();
    if (inSlice == 0) {
      throw new IllegalArgumentException(
          "shard " + slice + " of " + count + " scenarios holds none: give --count " + slice.of());
    }
    PrintWriter out = spec.commandLine().getOut();
    Strategies.Choice choice = Strategies.parse(variant);
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    Runner runner = Lab.runner();
    GenerationSettings settings =
        new GenerationSettings(seed, count, null, Duration.ofSeconds(shrinkSeconds), slice);
    if (!slice.whole()) {
      out.println(
          "Shard " + slice + ": " + inSlice + " of the " + count + " scenarios of seed " + seed);
    }
    List<RunResult> results;
    try (ProgressBar bar = Progress.bar("explore " + choice, inSlice)) {
      results =
          GeneratedRuns.run(
              runner,
              choice,
              FaultMenu.everything(),
              settings,
              RunOptions.DEFAULT,
              result -> {
                bar.setExtraMessage(" " + result.verdict().summary());
                bar.step();
              });
    }
    List<Verdict> verdicts = results.stream().map(RunResult::verdict).toList();
    printCoverage(out, runner, choice, verdicts);
    for (Property property : Property.OF_A_FIX) {
      Optional<RunResult> failure = property.firstFailure(results);
      if (failure.isEmpty()) {
        printHeld(out, property, results);
        continue;
      }
      if (!property.brokenBy(failure.get().verdict())) {
        out.println(
            "UNKNOWN: "
                + property.name()
                + ": "
                + failure.get().summary()
                + " -> "
                + failure.get().folder());
        return Lab.EXIT_INVALID;
      }
      shrinkAndPrint(out, runner, choice, property, failure.get(), settings);
      return choice.variant().fix() ? Lab.EXIT_INVALID : 0;
    }
    out.flush();
    return Lab.exitFor(choice.variant().fix(), verdicts);
  }

  private static void printCoverage(
      PrintWriter out, Runner runner, Strategies.Choice choice, List<Verdict> verdicts) {
    Coverage coverage = Coverage.of(verdicts);
    out.print(coverage.table());
    if (choice.variant().fix() && verdicts.size() >= Coverage.FEWEST_RUNS) {
      // the bar the contract suites assert; here it is told, so a short exploration still reports
      coverage
          .shortfalls(
              Coverage.pointsOf(runner.profile(choice.strategy(), choice.variant())),
              Coverage.kindsOfAFix(runner.environment().brokers()))
          .forEach(line -> out.println("coverage falls short: " + line));
    }
  }

  private static void printHeld(PrintWriter out, Property property, List<RunResult> results) {
    long held = results.stream().filter(r -> property.holdsFor(r.verdict())).count();
    // a claim no run showed (every run vacuous) is not shown to hold
    out.println(
        (held == 0 ? "not shown: " : "holds: ")
            + property.name()
            + " (in "
            + held
            + " of "
            + results.size()
            + " runs)");
  }

  private void shrinkAndPrint(
      PrintWriter out,
      Runner runner,
      Strategies.Choice choice,
      Property property,
      RunResult first,
      GenerationSettings settings) {
    out.println("BROKEN: " + property.name() + "; shrinking (at most " + shrinkSeconds + " s)...");
    out.flush();
    Shrunk shrunk =
        Shrinker.whileBroken(runner, choice, property, settings.shrinkBudget())
            .shrink(first.scenario(), first);
    Scenario original = first.scenario();
    String replay =
        "./lab replay " + seed + ":" + GeneratedRuns.indexOf(original) + " --variant " + choice;
    out.println(new Counterexample(property, choice.toString(), first, shrunk, replay).describe());
    out.flush();
  }
}
