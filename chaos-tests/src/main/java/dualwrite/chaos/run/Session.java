package dualwrite.chaos.run;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.checker.Checker;
import dualwrite.chaos.checker.Observation;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.TruthReader;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.history.History;
import dualwrite.chaos.nemesis.Nemesis;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.workload.Clients;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, from its deploy to its verdict, in phases: the constructor deploys the variant and the
 * fraud service and waits until they are ready; {@link #take} takes one step (the clients' requests
 * concurrently, the nemesis's in order); {@link #finish} heals everything, restarts what is down,
 * waits for the system to settle, hands the history and the truth to the checker and writes the
 * run's folder. A scenario's run takes its steps in a loop; the live lab takes them as a person
 * clicks.
 */
public final class Session implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

  private final long started = System.nanoTime();
  private final LabEnvironment environment;
  private final DualWriteStrategy strategy;
  private final Variant variant;
  private final RunOptions options;
  private final String runId;
  private final Path folder;
  private final RunSpace run;
  private final History history = new History();
  private final Phases phases = new Phases();
  private final LabSystem system;
  private final Clients clients;
  private final List<Service> services;
  private final Nemesis nemesis;
  private boolean faulted;
  private boolean finished;
  private boolean restored;

  Session(
      LabEnvironment environment,
      DualWriteStrategy strategy,
      Variant variant,
      int clientCount,
      RunOptions options,
      String runId,
      Path folder,
      RunSpace run) {
    this.environment = environment;
    this.strategy = strategy;
    this.variant = variant;
    this.options = options;
    this.runId = runId;
    this.folder = folder;
    this.run = run;
    phases.mark("open");
    Crashes crashes = new Crashes();
    crashes.onFire(point -> witness(options.crashWitness(), point, run));
    system = LabSystem.deploy(run, strategy, variant, crashes, options.consumer());
    Clients started = null;
    try {
      started = new Clients(clientCount, system.bank(), history);
      services = system.services();
      nemesis = new Nemesis(environment, crashes, services, history, run.topics().events());
      phases.mark("deploy");
      // Before the first request and the first fault: a scenario lasts a second or two, and a
      // relay still starting would let its faults hit nothing.
      system.awaitReady(Runner.READY_TIMEOUT);
      phases.mark("ready");
    } catch (RuntimeException | Error e) {
      closeQuietly(started);
      system.stop();
      run.closeLater();
      throw e;
    }
    this.clients = started;
  }

  /**
   * Takes one step: a client's request is submitted (it runs concurrently with what follows), a
   * wait waits, a nemesis step is taken in full before this returns. After a step that fails, the
   * shared proxies and servers are put back as they were and the failure is thrown.
   *
   * @throws IllegalArgumentException when a step names a service or crash point the variant lacks
   * @throws UnsupportedOperationException when a step needs a server fault the backend cannot do
   */
  public void take(Step step) {
    requireOpen();
    try {
      synchronized (this) {
        faulted |= step.nemesis();
      }
      if (step instanceof Step.Record record) {
        clients.submit(record);
      } else if (step instanceof Step.Wait wait) {
        pause(wait.millis());
      } else if (step instanceof Step.AwaitClients) {
        clients.awaitIdle(CLIENT_TIMEOUT);
      } else {
        nemesis.apply(step);
      }
    } catch (RuntimeException | Error e) {
      restored = true;
      nemesis.restoreAfter(e);
      throw e;
    }
  }

  /**
   * Ends the run: waits for the clients' last answers, heals everything, stops the bank (which
   * flushes what a producer still holds), waits for the system to settle, reads the truth, checks
   * it and writes the run's folder.
   *
   * @param scenario what the run's folder records as its scenario: the steps taken
   */
  public RunResult finish(Scenario scenario) {
    requireOpen();
    finished = true;
    Instant healedAt = null;
    Settling.Outcome outcome;
    try {
      try {
        clients.awaitIdle(CLIENT_TIMEOUT);
      } catch (RuntimeException | Error e) {
        nemesis.restoreAfter(e);
        throw e;
      }
      phases.mark("steps");
      nemesis.healEverything();
      // "late" counts from here: the heal is over only once servers and services are back
      if (faulted) {
        healedAt = Instant.now();
      }
      phases.mark("heal");
      services.stream().filter(s -> s.component() == Component.BANK).forEach(Service::stop);
      outcome =
          Settling.settle(
              system.deployment(),
              run,
              FraudDetectionService.groupId(run),
              options.settleTimeout());
      phases.mark("settle");
    } finally {
      closeQuietly(clients);
      system.stop();
    }
    phases.mark("stop");
    Truth truth = null;
    Verdict verdict;
    try {
      truth = readTruth();
      verdict = check(truth, healedAt, outcome);
    } catch (Exception e) {
      verdict = Verdict.unknown("could not read the truth: " + e.getMessage());
    } finally {
      run.closeLater();
    }
    phases.mark("check");
    return write(scenario, verdict, truth, healedAt, outcome.settled());
  }

  private Truth readTruth() throws SQLException {
    return TruthReader.read(
        run.directDatabase().jdbcUrl(),
        environment.postgresUser(),
        environment.postgresPassword(),
        run.directKafka(),
        run.topics().events());
  }

  private Verdict check(Truth truth, Instant healedAt, Settling.Outcome outcome) {
    Verdict verdict =
        new Checker(options.deliveryBound())
            .check(
                new Observation(
                    history.ops(),
                    history.startedAt(),
                    truth,
                    healedAt,
                    outcome.settled(),
                    run.linksInUse()));
    if (outcome.settled()) {
      return verdict;
    }
    // which condition stayed open is what the reader of an unknown verdict needs to know
    return verdict.asUnknown(
        verdict.reason()
            + " (after "
            + options.settleTimeout().toSeconds()
            + " s: "
            + outcome.open()
            + ")");
  }

  private RunResult write(
      Scenario scenario, Verdict verdict, Truth truth, Instant healedAt, boolean settled) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    RunFolder.write(
        folder,
        scenario,
        history,
        verdict,
        truth,
        new RunFolder.RunInfo(
            runId,
            strategy.name(),
            variant.name(),
            scenario.name(),
            environment.backend(),
            history.startedAt(),
            healedAt,
            settled,
            took.toMillis(),
            null,
            environment.brokers(),
            options.consumer().label()));
    RunResult result =
        new RunResult(
            strategy.name(), variant.name(), scenario, verdict, history.ops(), folder, took);
    log.info("{} -> {}", result.summary(), folder);
    log.debug("{} phases: {}", runId, phases);
    return result;
  }

  /** Ends a run that will not be finished, leaving nothing running and no fault on. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (!restored) {
        nemesis.restoreAfter(new IllegalStateException("the run was abandoned"));
      }
    } finally {
      closeQuietly(clients);
      system.stop();
      run.closeLater();
    }
  }

  /** The clients' requests submitted and not answered yet. */
  public int inFlight() {
    return clients.inFlight();
  }

  public String runId() {
    return runId;
  }

  /** What the clients asked and were told, and what the nemesis did, so far. */
  public History history() {
    return history;
  }

  /** The run's databases, topics and clients, for watching the run as it goes. */
  public RunSpace runSpace() {
    return run;
  }

  public Deployment deployment() {
    return system.deployment();
  }

  /** The variant's services and the fraud service. */
  public List<Service> services() {
    return services;
  }

  public DualWriteStrategy strategy() {
    return strategy;
  }

  public Variant variant() {
    return variant;
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the run " + runId + " is over");
    }
  }

  /**
   * A listener that throws would stop the crash point from killing its instance, so a failing
   * witness is only logged: the run goes on as the scenario says.
   */
  private static void witness(CrashWitness witness, CrashPoint point, RunSpace run) {
    try {
      witness.crashed(point, run);
    } catch (Exception | AssertionError e) {
      log.warn("the crash witness failed at {}:{}", point.component(), point.name(), e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a wait step", e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("closing {} failed", closeable, e);
    }
  }
}
