package dualwrite.chaos.grade;

import dualwrite.bank.spi.LearnerCode;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.property.FaultMenu;
import dualwrite.chaos.property.GeneratedRuns;
import dualwrite.chaos.property.GenerationSettings;
import dualwrite.chaos.property.Property;
import dualwrite.chaos.property.Shrinker;
import dualwrite.chaos.property.Shrunk;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades a learner's class, as Maelstrom grades a node: a first run without faults (a class that
 * fails there is not run further), then every catalogue scenario that applies and {@code N}
 * generated ones, each property of a fix held or broken with its smallest counterexample, then the
 * budget measured against its target.
 */
public final class Grade {

  private final Runner runner;
  private final Exercise exercise;
  private final GradeSettings settings;
  private final GradeListener listener;
  private final Strategies.Choice choice;
  private final RunOptions options;

  /** What the learner's code threw in each run (by identity: two runs may look alike). */
  private final Map<RunResult, Map<String, LearnerCode.Trouble>> troubles = new IdentityHashMap<>();

  public Grade(Runner runner, Exercise exercise, GradeSettings settings, GradeListener listener) {
    if (settings.command() != null && exercise != Exercise.RELAY) {
      throw new IllegalArgumentException(
          "--command runs a program as the relay: it goes with 'grade relay' only");
    }
    this.runner = runner;
    this.exercise = exercise;
    this.settings = settings;
    this.listener = listener;
    this.choice = exercise.choice(settings.command());
    this.options = exercise.options();
  }

  /** What is graded: the class or program, and the variant it runs in. */
  public String subject() {
    String who =
        settings.command() != null
            ? "the relay program '" + settings.command() + "'"
            : "your " + exercise.learnerClass();
    return who
        + " in "
        + choice
        + (exercise == Exercise.INBOX ? " with the consumer 'workshop'" : "");
  }

  /** The catalogue scenarios that apply, without the fault-free one that goes first. */
  public List<Scenario> catalogue() {
    return Catalogue.forBrokers(runner.environment().brokers()).stream()
        .filter(s -> !s.name().equals(Catalogue.noFault().name()))
        .filter(s -> runner.whyNotApplicable(choice.strategy(), choice.variant(), s).isEmpty())
        .toList();
  }

  public Scoreboard run() {
    if (settings.command() != null) {
      System.setProperty(RelayCommand.PROPERTY, settings.command());
    }
    List<Scenario> catalogue = catalogue();
    List<Scenario> generated =
        settings.generated() == 0
            ? List.of()
            : GeneratedRuns.scenarios(
                runner,
                choice,
                FaultMenu.everything(),
                new GenerationSettings(
                    settings.seed(), settings.generated(), null, settings.shrinkBudget()));
    listener.planned(1 + catalogue.size() + generated.size() + (settings.budget() ? 2 : 0));
    LearnerCode.drain();
    RunResult first = run(Catalogue.noFault());
    if (first.folder() == null) {
      return couldNotRun(first);
    }
    if (first.verdict().valid() != Validity.VALID) {
      return failsWithoutFaults(first);
    }
    List<RunResult> results = new ArrayList<>();
    results.add(first);
    for (Scenario scenario : catalogue) {
      results.add(run(scenario));
    }
    for (Scenario scenario : generated) {
      results.add(run(scenario));
    }
    List<ScoreLine> lines = new ArrayList<>();
    Map<String, Counterexample> shrunk = new HashMap<>();
    for (Property property : Property.OF_A_FIX) {
      lines.add(judge(property, results, shrunk));
    }
    if (settings.budget()) {
      lines.addAll(new Budget(runner, exercise, choice, listener).figures());
    }
    List<String> notes = new ArrayList<>();
    long vacuous = results.stream().filter(r -> r.verdict().valid() == Validity.VACUOUS).count();
    notes.add(
        results.size()
            + " runs: the first without faults, "
            + catalogue.size()
            + " from the catalogue, "
            + generated.size()
            + " generated (seed "
            + settings.seed()
            + ")"
            + (vacuous > 0
                ? "; " + vacuous + " vacuous (none of their faults landed: they show nothing)"
                : ""));
    return new Scoreboard(subject(), lines, notes);
  }

  /**
   * One run, with what the learner's code threw in it. A run that cannot even be made (a service
   * never ready, a learner's class that cannot be loaded) is unknown, without a folder: one such
   * run must not cost the learner the whole grade.
   */
  private RunResult run(Scenario scenario) {
    RunResult result;
    try {
      result = runner.run(choice.strategy(), choice.variant(), scenario, options);
    } catch (RuntimeException | LinkageError e) {
      result =
          new RunResult(
              choice.strategy().name(),
              choice.variant().name(),
              scenario,
              Verdict.unknown("the run could not be made: " + e.getMessage()),
              List.of(),
              null,
              Duration.ZERO);
    }
    troubles.put(result, LearnerCode.drain());
    listener.done(scenario.name() + ": " + result.verdict().summary());
    return result;
  }

  /** What the learner's code threw in a run, one line per place. */
  private List<String> threwIn(RunResult result) {
    return troubles.getOrDefault(result, Map.of()).values().stream().map(Grade::threw).toList();
  }

  /**
   * The class fails with no fault at all: every property says so, with what the run saw and what
   * the learner's code threw; nothing else is run.
   */
  private Scoreboard failsWithoutFaults(RunResult first) {
    Verdict verdict = first.verdict();
    List<ScoreLine> lines = new ArrayList<>();
    for (Property property : Property.OF_A_FIX) {
      List<Anomaly> seen =
          property.forbidden().stream().filter(a -> !verdict.of(a).isEmpty()).toList();
      String result;
      Mark mark;
      if (!seen.isEmpty()) {
        mark = Mark.BROKEN;
        result = "without any fault: " + anomalies(verdict, seen);
      } else if (verdict.valid() == Validity.UNKNOWN) {
        mark = Mark.UNSHOWN;
        result = "the run without faults could not be judged";
      } else {
        mark = Mark.HELD;
        result = "without faults (nothing else was run)";
      }
      lines.add(new ScoreLine(mark, property.name(), result, List.of()));
    }
    List<String> notes = new ArrayList<>();
    notes.add("Without any fault: " + verdict.summary());
    notes.addAll(threwIn(first));
    notes.add("  run folder: " + first.folder());
    notes.add("  replay: " + replay(first));
    notes.add(
        "Nothing else was run: the catalogue and generated scenarios, and the budget, wait until"
            + " it works without faults. See "
            + exercise.page()
            + ".");
    return new Scoreboard(subject(), lines, notes);
  }

  /** Not even the first run could be made: a service never became ready, or could not start. */
  private Scoreboard couldNotRun(RunResult first) {
    List<ScoreLine> lines = new ArrayList<>();
    for (Property property : Property.OF_A_FIX) {
      lines.add(new ScoreLine(Mark.UNSHOWN, property.name(), "no run could start", List.of()));
    }
    List<String> notes = new ArrayList<>();
    notes.add("The first run " + first.verdict().reason().replace("the run ", ""));
    notes.addAll(threwIn(first));
    if (settings.command() != null) {
      notes.add(
          "  a relay program is ready when it prints the line "
              + CommandRelay.READY
              + "; its output is in "
              + System.getProperty("lab.logs", "target/lab-logs")
              + "/relay-command/");
    }
    notes.add("Nothing else was run. See " + exercise.page() + ".");
    return new Scoreboard(subject(), lines, notes);
  }

  private static String threw(LearnerCode.Trouble trouble) {
    return "  "
        + trouble.where()
        + " threw "
        + trouble.times()
        + (trouble.times() == 1 ? " time" : " times")
        + "; the first: "
        + trouble.first();
  }

  private static String anomalies(Verdict verdict, List<Anomaly> which) {
    List<String> parts = new ArrayList<>();
    for (Anomaly anomaly : which) {
      parts.add(anomaly.label() + " " + verdict.of(anomaly).size());
    }
    return String.join(", ", parts);
  }

  /** A property over every run: held, broken (with its smallest counterexample), or unshown. */
  private ScoreLine judge(
      Property property, List<RunResult> results, Map<String, Counterexample> shrunk) {
    List<RunResult> broken = results.stream().filter(r -> property.brokenBy(r.verdict())).toList();
    long held = results.stream().filter(r -> property.holdsFor(r.verdict())).count();
    List<RunResult> unknown =
        results.stream().filter(r -> r.verdict().valid() == Validity.UNKNOWN).toList();
    if (!broken.isEmpty()) {
      RunResult smallest =
          broken.stream()
              .min(Comparator.comparingInt((RunResult r) -> r.scenario().steps().size()))
              .orElseThrow();
      Counterexample example =
          shrunk.computeIfAbsent(smallest.folder().toString(), key -> shrink(property, smallest));
      List<Anomaly> seen =
          property.forbidden().stream()
              .filter(a -> !example.result().verdict().of(a).isEmpty())
              .toList();
      List<String> details = new ArrayList<>();
      details.add(
          "smallest counterexample: "
              + example.result().scenario().name()
              + " ("
              + example.result().scenario().steps().size()
              + " steps"
              + example.how()
              + "): "
              + anomalies(example.result().verdict(), seen));
      example
          .result()
          .scenario()
          .story()
          .lines()
          .limit(12)
          .forEach(l -> details.add("  " + l.strip()));
      details.addAll(threwIn(example.result()).stream().map(String::strip).toList());
      details.add("replay: " + replay(example.result()));
      return new ScoreLine(
          Mark.BROKEN,
          property.name(),
          "broken in " + broken.size() + " of " + results.size() + " runs",
          details);
    }
    if (!unknown.isEmpty()) {
      RunResult one = unknown.get(0);
      return new ScoreLine(
          Mark.UNSHOWN,
          property.name(),
          unknown.size() + " runs could not be judged",
          unknownDetails(one));
    }
    if (held == 0) {
      return new ScoreLine(
          Mark.UNSHOWN, property.name(), "no run showed it (all vacuous)", List.of());
    }
    return new ScoreLine(Mark.HELD, property.name(), "held in " + held + " runs", List.of());
  }

  private List<String> unknownDetails(RunResult one) {
    List<String> details = new ArrayList<>();
    details.add(one.scenario().name() + ": " + one.verdict().summary());
    details.addAll(threwIn(one).stream().map(String::strip).toList());
    details.add("replay: " + replay(one));
    return details;
  }

  /** A counterexample as small as the shrink budget allowed, and how it got that small. */
  private record Counterexample(RunResult result, String how) {}

  private Counterexample shrink(Property property, RunResult failure) {
    boolean fromCatalogue = failure.scenario().origin().startsWith("catalogue");
    if (settings.shrinkBudget().isZero()
        || fromCatalogue
        || failure.scenario().steps().size() <= 2) {
      return new Counterexample(failure, "");
    }
    Shrunk shrunk =
        new Shrinker(
                this::run, result -> property.brokenBy(result.verdict()), settings.shrinkBudget())
            .shrink(failure.scenario(), failure);
    listener.done("shrunk " + failure.scenario().name() + ": " + shrunk.progress());
    return new Counterexample(shrunk.result(), ", shrunk from " + shrunk.original().steps().size());
  }

  /** The command that runs the counterexample again. */
  private String replay(RunResult result) {
    if (result.folder() == null) {
      return "(the run failed before it wrote a folder: grade again to see it once more)";
    }
    String prefix =
        settings.command() == null
            ? ""
            : RelayCommand.VARIABLE + "='" + settings.command().replace("'", "'\\''") + "' ";
    return prefix + "./lab replay " + result.folder();
  }
}
