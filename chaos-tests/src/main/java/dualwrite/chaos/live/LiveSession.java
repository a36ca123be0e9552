package dualwrite.chaos.live;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Session;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One person's session at the live lab: a run of a strategy variant whose steps come from the page
 * (steady traffic at a rate, and faults one click at a time), watched as it goes, then healed and
 * checked as any run. Every step is kept with its time, so the run's folder holds them as a
 * scenario and {@code ./lab replay} repeats the session.
 */
final class LiveSession implements AutoCloseable {

  static final int CLIENTS = 4;
  static final int ACCOUNTS = 8;
  static final String SCENARIO = "live";
  private static final int QUEUED_PER_CLIENT = 2;

  private record Timed(long nanos, Step step) {}

  private final Strategies.Choice choice;
  private final ConsumerMode consumer;
  private final Session session;
  private final FaultBands bands = new FaultBands();
  private final List<Timed> steps = new ArrayList<>();
  private final List<ActionTaken> taken = new ArrayList<>();
  private final List<Step.Crash> armed = new ArrayList<>();
  private final Traffic traffic;
  private final Watcher watcher;
  private volatile boolean checking;

  LiveSession(
      Runner runner,
      Strategies.Choice choice,
      ConsumerMode consumer,
      int rate,
      Watcher.Listener listener) {
    this.choice = choice;
    this.consumer = consumer;
    RunOptions options = RunOptions.DEFAULT.withConsumer(consumer);
    this.session = runner.open(choice.strategy(), choice.variant(), SCENARIO, CLIENTS, 1, options);
    try {
      this.watcher =
          new Watcher(
              session,
              this::requested,
              this::heldBack,
              (sample, journeys) -> {
                if (!checking) {
                  // the check stops the services itself: that is no fault
                  sample.services().forEach(s -> bands.service(s.name(), s.up(), sample.t()));
                }
                listener.sampled(sample, journeys);
              });
      this.traffic = new Traffic(CLIENTS, ACCOUNTS, rate, this::record);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  Strategies.Choice choice() {
    return choice;
  }

  ConsumerMode consumer() {
    return consumer;
  }

  String runId() {
    return session.runId();
  }

  Instant startedAt() {
    return session.history().startedAt();
  }

  int rate() {
    return traffic.rate();
  }

  void rate(int perSecond) {
    traffic.setRate(perSecond);
  }

  private long requested() {
    return traffic.sent();
  }

  long heldBack() {
    return traffic.heldBack();
  }

  /** Submits the transaction, unless every client already has its fill waiting. */
  private boolean record(Step.Record record) {
    if (session.inFlight() >= CLIENTS * QUEUED_PER_CLIENT) {
      return false;
    }
    synchronized (steps) {
      steps.add(new Timed(session.history().now(), record));
    }
    session.take(record);
    return true;
  }

  /**
   * Takes a person's action as a nemesis step.
   *
   * @throws IllegalArgumentException for an action that names no link, service or crash point of
   *     this run
   * @throws UnsupportedOperationException for a server fault the environment cannot do
   */
  synchronized ActionTaken act(LiveAction action) {
    Step step = action.toStep();
    long at = session.history().now();
    double t = at / 1e9;
    try {
      session.take(step);
    } catch (RuntimeException e) {
      taken.add(new ActionTaken(t, step.describe(), e.getMessage()));
      throw e;
    }
    synchronized (steps) {
      steps.add(new Timed(at, step));
    }
    bands.took(step, t);
    if (step instanceof Step.Crash crash) {
      armed.add(crash);
    }
    ActionTaken done = new ActionTaken(t, step.describe(), null);
    taken.add(done);
    return done;
  }

  synchronized List<ActionTaken> taken() {
    return List.copyOf(taken);
  }

  List<FaultBands.Band> bands() {
    return bands.all();
  }

  /** The crash points armed and not reached yet. */
  synchronized List<String> armed() {
    List<Op> ops = session.history().ops();
    armed.removeIf(
        crash -> ops.stream().anyMatch(op -> Op.CRASHED.equals(op.f()) && crash.equals(op.step())));
    return armed.stream().map(Step::describe).toList();
  }

  /**
   * Stops the traffic, heals everything, waits for the system to settle, checks, and writes the
   * run's folder.
   */
  synchronized RunResult healAndCheck() {
    traffic.close();
    checking = true;
    // Every link at once, as the button says: the clients' last requests then get their answers
    // now, instead of waiting out a cut link before the run's own heal.
    long at = session.history().now();
    session.take(new Step.HealAll());
    synchronized (steps) {
      steps.add(new Timed(at, new Step.HealAll()));
    }
    bands.closeAll(at / 1e9);
    try {
      return session.finish(scenario());
    } finally {
      watcher.close();
    }
  }

  /** The session's steps as a scenario: each step after a wait as long as the gap before it. */
  Scenario scenario() {
    List<Timed> sorted;
    synchronized (steps) {
      sorted = new ArrayList<>(steps);
    }
    sorted.sort(Comparator.comparingLong(Timed::nanos));
    List<Step> script = new ArrayList<>();
    long previous = 0;
    long faults = 0;
    for (Timed timed : sorted) {
      long gapMillis = (timed.nanos() - previous) / 1_000_000;
      if (gapMillis > 0) {
        script.add(new Step.Wait(gapMillis));
        previous += gapMillis * 1_000_000;
      }
      script.add(timed.step());
      faults += timed.step().nemesis() ? 1 : 0;
    }
    long records = sorted.size() - faults;
    return new Scenario(
        SCENARIO,
        "A session at the live lab: "
            + records
            + " transactions of steady traffic and "
            + faults
            + " actions taken by hand, at the times they were taken.",
        0,
        SCENARIO,
        CLIENTS,
        script);
  }

  /** Ends the session without a check: stops the traffic, heals, and leaves nothing running. */
  @Override
  public void close() {
    traffic.close();
    watcher.close();
    session.close();
  }
}
