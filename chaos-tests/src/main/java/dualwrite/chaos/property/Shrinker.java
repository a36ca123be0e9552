package dualwrite.chaos.property;

import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reduces a failing scenario to a small one that still fails: delta debugging over its steps (drop
 * chunks, then single steps), then smaller numbers (shorter waits and faults, earlier crashes),
 * then fewer clients. Every attempt is a real run, so the search stops when its time budget is
 * spent and says how far it got.
 */
public final class Shrinker {

  private final Function<Scenario, RunResult> run;
  private final Predicate<RunResult> fails;
  private final Duration budget;
  private long deadline;
  private int attempts;

  /**
   * @param run runs a candidate for real
   * @param fails whether a run still shows the failure
   * @param budget how long the search may take
   */
  public Shrinker(Function<Scenario, RunResult> run, Predicate<RunResult> fails, Duration budget) {
    this.run = run;
    this.fails = fails;
    this.budget = budget;
  }

  /**
   * A shrinker that runs each smaller scenario against the variant with the lab's default options
   * and keeps it while the property still does not hold.
   */
  public static Shrinker whileBroken(
      Runner runner, Strategies.Choice choice, Property property, Duration budget) {
    return new Shrinker(
        scenario -> runner.run(choice.strategy(), choice.variant(), scenario, RunOptions.DEFAULT),
        // only a definite verdict with the same broken claim counts as still failing: an unknown
        // or vacuous run shows nothing, and keeping it would shrink towards a broken run space
        result -> property.brokenBy(result.verdict()),
        budget);
  }

  public Shrunk shrink(Scenario failing, RunResult failure) {
    long started = System.nanoTime();
    deadline = started + budget.toNanos();
    attempts = 0;
    Candidate best = new Candidate(failing, failure);
    best = dropSteps(best);
    best = smallerNumbers(best);
    best = fewerClients(best);
    boolean finished = System.nanoTime() < deadline;
    return new Shrunk(
        failing,
        best.scenario(),
        best.result(),
        attempts,
        Duration.ofNanos(System.nanoTime() - started),
        finished);
  }

  private record Candidate(Scenario scenario, RunResult result) {}

  /** Delta debugging: try the scenario without one of n chunks; on success keep it and coarsen. */
  private Candidate dropSteps(Candidate best) {
    int chunks = 2;
    while (best.scenario().steps().size() >= 1 && timeLeft()) {
      List<Step> steps = best.scenario().steps();
      chunks = Math.min(chunks, steps.size());
      boolean reduced = false;
      for (int i = 0; i < chunks && timeLeft(); i++) {
        List<Step> without = new ArrayList<>(steps.subList(0, steps.size() * i / chunks));
        without.addAll(steps.subList(steps.size() * (i + 1) / chunks, steps.size()));
        Candidate tried = attempt(best.scenario().withSteps(without));
        if (tried != null) {
          best = tried;
          chunks = Math.max(chunks - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (chunks >= steps.size()) {
          break;
        }
        chunks = Math.min(steps.size(), chunks * 2);
      }
    }
    return best;
  }

  /** Halves waits, fault sizes and crash counts while the failure stays. */
  private Candidate smallerNumbers(Candidate best) {
    for (int i = 0; i < best.scenario().steps().size() && timeLeft(); i++) {
      Step smaller;
      while ((smaller = halve(best.scenario().steps().get(i))) != null && timeLeft()) {
        List<Step> steps = new ArrayList<>(best.scenario().steps());
        steps.set(i, smaller);
        Candidate tried = attempt(best.scenario().withSteps(steps));
        if (tried == null) {
          break;
        }
        best = tried;
      }
    }
    return best;
  }

  private Candidate fewerClients(Candidate best) {
    Scenario scenario = best.scenario();
    if (scenario.clients() == 1 || !timeLeft()) {
      return best;
    }
    List<Step> steps =
        scenario.steps().stream()
            .map(
                s ->
                    s instanceof Step.Record r
                        ? (Step) new Step.Record(0, r.account(), r.type(), r.amountMinor())
                        : s)
            .toList();
    Scenario single =
        new Scenario(
            scenario.name(),
            scenario.description(),
            scenario.seed(),
            scenario.origin(),
            1,
            steps,
            scenario.relays());
    Candidate tried = attempt(single);
    return tried == null ? best : tried;
  }

  /** A smaller version of the step, or null when there is none. */
  static Step halve(Step step) {
    if (step instanceof Step.Wait wait && wait.millis() > 10) {
      return new Step.Wait(wait.millis() / 2);
    }
    if (step instanceof Step.Crash crash && crash.nth() > 1) {
      return new Step.Crash(crash.service(), crash.point(), crash.nth() / 2);
    }
    if (step instanceof Step.Inject inject
        && inject.fault() instanceof Fault.Toxic toxic
        && toxic.attributes().values().stream().anyMatch(v -> v > 10)) {
      Map<String, Long> smaller = new LinkedHashMap<>();
      toxic.attributes().forEach((k, v) -> smaller.put(k, v > 10 ? v / 2 : v));
      return new Step.Inject(
          new Fault.Toxic(toxic.link(), toxic.type(), toxic.stream(), smaller, toxic.toxicity()));
    }
    return null;
  }

  private Candidate attempt(Scenario candidate) {
    attempts++;
    RunResult result = run.apply(candidate.renamed(shrunkName(candidate.name()), "shrunk"));
    return fails.test(result) ? new Candidate(candidate, result) : null;
  }

  private static String shrunkName(String name) {
    return name.startsWith("shrunk-") ? name : "shrunk-" + name;
  }

  private boolean timeLeft() {
    return System.nanoTime() < deadline;
  }
}
