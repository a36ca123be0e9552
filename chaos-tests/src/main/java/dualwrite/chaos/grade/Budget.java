package dualwrite.chaos.grade;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.bench.BenchSettings;
import dualwrite.chaos.bench.Benchmark;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The budget of a grade: how fast the learner's code drains a backlog and how long a check lags
 * behind its commit at a steady rate (or, for the inbox, how fast it checks against the lab's own),
 * each figure measured against its target.
 */
final class Budget {

  /** The relay's and the cursor's drain target, in events per second. */
  public static final double DRAIN_TARGET = 5_000;

  /** The commit-to-check lag p99 target at {@link #STEADY_RATE}, in milliseconds. */
  public static final double LAG_P99_TARGET_MS = 250;

  /** The steady rate of the lag budget, in transactions per second. */
  public static final int STEADY_RATE = 200;

  /** The inbox's target: at least this share of the lab's own inbox's rate. */
  public static final double INBOX_SHARE_TARGET = 0.5;

  /** How many reference/learner pairs the inbox's budget measures. */
  private static final int INBOX_PAIRS = 3;

  private static final BenchSettings BUDGET =
      new BenchSettings(
          4,
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          20_000,
          STEADY_RATE,
          Duration.ofSeconds(10));

  /** The inbox's: a smaller backlog, measured in several pairs. */
  private static final BenchSettings INBOX_BUDGET =
      new BenchSettings(
          4,
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          10_000,
          STEADY_RATE,
          Duration.ofSeconds(10));

  private final Runner runner;
  private final Exercise exercise;
  private final Strategies.Choice choice;
  private final GradeListener listener;

  Budget(Runner runner, Exercise exercise, Strategies.Choice choice, GradeListener listener) {
    this.runner = runner;
    this.exercise = exercise;
    this.choice = choice;
    this.listener = listener;
  }

  /** The figures measured, each against its target. */
  List<ScoreLine> figures() {
    return exercise == Exercise.INBOX ? List.of(inboxShare()) : drainAndLag();
  }

  /** The learner's inbox's check rate against the lab's own, in interleaved pairs. */
  private ScoreLine inboxShare() {
    Benchmark bench = new Benchmark(runner, INBOX_BUDGET, message -> {});
    ScoreLine line =
        measure(
            "checks at least " + percent(INBOX_SHARE_TARGET) + " as fast as the lab's inbox",
            () -> {
              // interleaved pairs, the best of each: one slow pass of a busy laptop must not
              // decide the grade
              double reference = 0;
              double learner = 0;
              for (int pair = 0; pair < INBOX_PAIRS; pair++) {
                reference = Math.max(reference, bench.checkRate(choice, ConsumerMode.IDEMPOTENT));
                learner = Math.max(learner, bench.checkRate(choice, ConsumerMode.WORKSHOP));
              }
              double share = learner / reference;
              return new Figure(
                  share >= INBOX_SHARE_TARGET,
                  String.format(
                      Locale.ROOT,
                      "%,.0f events/s, %s of the lab's %,.0f",
                      learner,
                      percent(share),
                      reference));
            });
    listener.done("budget: the inbox's rate");
    return line;
  }

  /** How fast a backlog drains, and the commit-to-check lag at a steady rate. */
  private List<ScoreLine> drainAndLag() {
    List<ScoreLine> lines = new ArrayList<>();
    Benchmark bench = new Benchmark(runner, BUDGET, message -> {});
    lines.add(
        measure(
            String.format(Locale.ROOT, "drains at least %,.0f events/s", DRAIN_TARGET),
            () -> {
              Benchmark.Drain drain = bench.drain(choice);
              return new Figure(
                  drain.perSecond() >= DRAIN_TARGET,
                  String.format(
                      Locale.ROOT,
                      "%,.0f events/s (a backlog of %,d)",
                      drain.perSecond(),
                      BUDGET.backlog()));
            }));
    listener.done("budget: drain");
    lines.add(
        measure(
            String.format(
                Locale.ROOT, "lag p99 at most %.0f ms at %d tx/s", LAG_P99_TARGET_MS, STEADY_RATE),
            () -> {
              Verdict.Quantiles lag = bench.lag(choice);
              return new Figure(
                  lag.count() > 0 && lag.p99() <= LAG_P99_TARGET_MS,
                  String.format(
                      Locale.ROOT,
                      "p99 %.0f ms, p50 %.0f ms (%d events in %d s)",
                      lag.p99(),
                      lag.p50(),
                      lag.count(),
                      BUDGET.steadyFor().toSeconds()));
            }));
    listener.done("budget: lag");
    return lines;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private record Figure(boolean met, String text) {}

  @FunctionalInterface
  private interface Measurement {
    Figure take() throws Exception;
  }

  private static ScoreLine measure(String item, Measurement measurement) {
    try {
      Figure figure = measurement.take();
      return new ScoreLine(figure.met() ? Mark.MET : Mark.MISSED, item, figure.text(), List.of());
    } catch (Exception e) {
      return new ScoreLine(
          Mark.MISSED,
          item,
          "could not be measured: " + Optional.ofNullable(e.getMessage()).orElse(e.toString()),
          List.of());
    }
  }
}
