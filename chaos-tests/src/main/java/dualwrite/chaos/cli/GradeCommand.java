package dualwrite.chaos.cli;

import dualwrite.chaos.env.Environments;
import dualwrite.chaos.grade.Exercise;
import dualwrite.chaos.grade.Grade;
import dualwrite.chaos.grade.GradeSettings;
import dualwrite.chaos.grade.Scoreboard;
import dualwrite.chaos.property.GeneratedRuns;
import dualwrite.chaos.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Grades a workshop learner's class (or relay program): every catalogue scenario that applies and
 * generated ones, then the budget, and a scoreboard. Exits 0 only when everything held and met.
 */
@Command(
    name = "grade",
    description = {
      "Grade your workshop class: the relay, the inbox or the cursor (docs/exercises/09 to 11).",
      "Runs it without faults first, then through every catalogue scenario that applies and",
      "generated ones, then measures its speed, and prints a scoreboard. Exit 0 when all passed."
    },
    footer = {
      "",
      "Examples:",
      "  ./lab grade relay",
      "  ./lab grade inbox --scenarios 10",
      "  ./lab grade relay --command \"python3 docs/exercises/relay-in-python/relay.py\""
    })
final class GradeCommand implements Callable<Integer> {

  /** Where a grade's runs leave their folders. */
  static final Path GRADES = Path.of("target", "lab-grades");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Parameters(
      index = "0",
      paramLabel = "<exercise>",
      completionCandidates = Exercises.class,
      description = "relay, inbox or cursor")
  String exercise;

  @Option(
      names = "--command",
      paramLabel = "<command line>",
      description =
          "grade this program as the relay instead of dualwrite.workshop.OutboxRelay (relay only;"
              + " its contract: docs/running-your-own-relay.md)")
  String command;

  @Option(
      names = "--scenarios",
      defaultValue = "30",
      paramLabel = "<n>",
      description = "how many generated scenarios after the catalogue's (${DEFAULT-VALUE})")
  int scenarios;

  @Option(
      names = "--seed",
      paramLabel = "<seed>",
      description = "the seed of the generated scenarios (" + GeneratedRuns.DEFAULT_SEED + ")")
  Long seed;

  @Option(
      names = "--shrink-seconds",
      defaultValue = "60",
      paramLabel = "<s>",
      description = "how long to shrink each counterexample (${DEFAULT-VALUE}; 0: do not shrink)")
  int shrinkSeconds;

  @Option(names = "--no-budget", description = "skip the speed budget")
  boolean noBudget;

  /** The exercises, for the usage message and shell completion. */
  static final class Exercises implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Exercise.labels().iterator();
    }
  }

  @Override
  public Integer call() {
    Exercise chosen = Exercise.fromLabel(exercise);
    GradeSettings settings = settings(chosen);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    long started = System.nanoTime();
    GradeProgressBar bar = new GradeProgressBar(chosen);
    // its own folder: a learner's runs stay out of the report that compares the lab's
    Grade grade = new Grade(new Runner(Environments.shared(), GRADES), chosen, settings, bar);
    out.println("Grading " + grade.subject() + ".");
    out.flush();
    Scoreboard board;
    try {
      board = grade.run();
    } finally {
      bar.close();
    }
    out.println();
    out.print(board.render());
    out.printf(
        "(the grade took %d s)%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    out.flush();
    return board.failed() == 0 ? 0 : Lab.EXIT_INVALID;
  }

  /** The options, checked before any server starts. */
  private GradeSettings settings(Exercise chosen) {
    if (scenarios < 0) {
      throw new IllegalArgumentException("--scenarios must be 0 or more");
    }
    if (shrinkSeconds < 0) {
      throw new IllegalArgumentException("--shrink-seconds must be 0 or more");
    }
    if (command != null && command.isBlank()) {
      throw new IllegalArgumentException("--command needs a command line");
    }
    if (command != null && chosen != Exercise.RELAY) {
      throw new IllegalArgumentException(
          "--command runs a program as the relay: it goes with 'grade relay' only");
    }
    return new GradeSettings(
        scenarios,
        seed != null ? seed : GeneratedRuns.DEFAULT_SEED,
        Duration.ofSeconds(shrinkSeconds),
        !noBudget,
        command);
  }
}
