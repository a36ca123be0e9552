package dualwrite.chaos.property;

import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies.Choice;
import dualwrite.chaos.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs generated scenarios against a strategy variant: {@code lab.scenarios} of them from seed
 * {@code lab.seed}, or just one when the seed names it ({@code 20261127:17}). Writes what they
 * covered next to their run folders.
 */
public final class GeneratedRuns {

  /** The seed the default build uses, so that it runs the same scenarios every time. */
  public static final long DEFAULT_SEED = 20261127L;

  private GeneratedRuns() {}

  /** The scenarios the settings name, generated for what the variant deploys. */
  public static List<Scenario> scenarios(
      Runner runner, Choice choice, Set<FaultMenu> menu, GenerationSettings settings) {
    ScenarioGenerator generator =
        new ScenarioGenerator(
            runner.profile(choice.strategy(), choice.variant()),
            runner.linksInUse(choice.strategy(), choice.variant()),
            Runner.runsTwoRelays(choice.strategy()),
            menu,
            runner.environment().brokers());
    if (settings.only() != null) {
      return List.of(generator.one(settings.seed(), settings.only()));
    }
    return generator.generate(settings.seed(), settings.count()).stream()
        .filter(scenario -> settings.shard().takes(indexOf(scenario)))
        .toList();
  }

  /** Runs them, one after another, telling {@code progress} about each. */
  public static List<RunResult> run(
      Runner runner,
      Choice choice,
      Set<FaultMenu> menu,
      GenerationSettings settings,
      RunOptions options,
      Consumer<RunResult> progress) {
    List<RunResult> results = new ArrayList<>();
    for (Scenario scenario : scenarios(runner, choice, menu, settings)) {
      RunResult result = runner.run(choice.strategy(), choice.variant(), scenario, options);
      results.add(result);
      progress.accept(result);
    }
    writeCoverage(
        runner, choice, settings, Coverage.of(results.stream().map(RunResult::verdict).toList()));
    return results;
  }

  private static void writeCoverage(
      Runner runner, Choice choice, GenerationSettings settings, Coverage coverage) {
    Path file =
        runner
            .runs()
            .resolve(choice.strategy().name())
            .resolve(choice.variant().name())
            .resolve(
                "coverage-"
                    + settings.seed()
                    + (settings.shard().whole()
                        ? ""
                        : "-shard-" + settings.shard().index() + "-of-" + settings.shard().of())
                    + ".json");
    try {
      Files.createDirectories(file.getParent());
      RunFolder.JSON.writeValue(file.toFile(), coverage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The command that replays one generated scenario of a test class. */
  public static String replayCommand(String testClass, boolean workshop, long seed, int index) {
    // a suite tagged workshop runs only in its profile; without it, -Dtest would select nothing
    return "./mvnw verify "
        + (workshop ? "-Pworkshop " : "")
        + "-pl chaos-tests -am -Dtest="
        + testClass
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dlab.seed="
        + seed
        + ":"
        + index;
  }

  /** The index of a generated scenario, from its name {@code generated-<seed>-<index>}. */
  public static int indexOf(Scenario scenario) {
    String name = scenario.name();
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }
}
