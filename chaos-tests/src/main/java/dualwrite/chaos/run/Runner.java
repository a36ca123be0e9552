package dualwrite.chaos.run;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.fraud.FraudRule;
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
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.History;
import dualwrite.chaos.nemesis.Nemesis;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.workload.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario against one strategy variant, in a fresh part of the environment: deploys the
 * strategy and the fraud service, waits until each is ready, takes the steps (the clients' requests
 * concurrently, the nemesis's in order), then heals everything, restarts what is down, waits for
 * the system to settle, and hands the history and the truth to the checker. Each run leaves its
 * folder.
 */
public final class Runner {

  private static final Logger log = LoggerFactory.getLogger(Runner.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

  /** How long the services of a fresh deployment may take to be ready before the run gives up. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final LabEnvironment environment;
  private final Path runs;
  private final Templates templates = new Templates();
  private final java.util.Map<String, List<ServiceProfile>> profiles = new java.util.HashMap<>();
  private final java.util.Map<String, Set<Link>> links = new java.util.HashMap<>();

  /**
   * @param runs where run folders go, such as {@code target/lab-runs}
   */
  public Runner(LabEnvironment environment, Path runs) {
    this.environment = environment;
    this.runs = runs;
  }

  public LabEnvironment environment() {
    return environment;
  }

  /** Where run folders go. */
  public Path runs() {
    return runs;
  }

  /**
   * Runs the scenario and checks it.
   *
   * @throws IllegalArgumentException when a step names a service or crash point the variant lacks
   * @throws UnsupportedOperationException when a step needs a server fault the backend cannot do
   * @throws dualwrite.bank.spi.ServiceNotReady when a service is not ready {@link #READY_TIMEOUT}
   *     after the deploy: the run never starts its steps
   */
  public RunResult run(
      DualWriteStrategy chosen, Variant variant, Scenario scenario, RunOptions options) {
    long started = System.nanoTime();
    DualWriteStrategy strategy = chosen.withRelays(scenario.relays());
    String runId = newRunId();
    Path folder = RunFolder.create(runs, strategy.name(), variant.name(), scenario.name(), runId);
    String template = templates.forMigrations(environment, strategy.migrations(variant));
    History history = new History();
    Instant healedAt = null;
    boolean settled;
    String stillOpen = null;
    Truth truth = null;
    Verdict verdict;
    Phases phases = new Phases();
    RunSpace run = RunSpace.open(environment, runId, template);
    try {
      phases.mark("open");
      Crashes crashes = new Crashes();
      crashes.onFire(point -> witness(options.crashWitness(), point, run));
      FraudDetectionService fraud =
          new FraudDetectionService(run, crashes, options.consumer(), FraudRule.DEFAULT);
      fraud.start();
      try (Deployment deployment = strategy.deploy(variant, run, crashes);
          Clients clients = new Clients(scenario.clients(), deployment.bank(), history)) {
        List<Service> services = new ArrayList<>(deployment.services());
        services.add(fraud);
        Nemesis nemesis =
            new Nemesis(environment, crashes, services, history, run.topics().events());
        phases.mark("deploy");
        // Before the first request and the first fault: a scenario lasts a second or two, and a
        // relay still starting would let its faults hit nothing.
        deployment.awaitReady(READY_TIMEOUT);
        fraud.awaitReady(READY_TIMEOUT);
        phases.mark("ready");
        boolean faulted = false;
        try {
          for (Step step : scenario.steps()) {
            faulted |= step.nemesis();
            take(step, clients, nemesis);
          }
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
        // The bank takes no more requests: stopping it flushes what a producer still holds.
        services.stream().filter(s -> s.component() == Component.BANK).forEach(Service::stop);
        Settling.Outcome outcome =
            Settling.settle(
                deployment, run, FraudDetectionService.groupId(run), options.settleTimeout());
        settled = outcome.settled();
        stillOpen = outcome.open();
        phases.mark("settle");
      } finally {
        fraud.stop();
      }
      phases.mark("stop");
      try {
        truth =
            TruthReader.read(
                run.directDatabase().jdbcUrl(),
                environment.postgresUser(),
                environment.postgresPassword(),
                run.directKafka(),
                run.topics().events());
        verdict =
            new Checker(options.deliveryBound())
                .check(
                    new Observation(
                        history.ops(),
                        history.startedAt(),
                        truth,
                        healedAt,
                        settled,
                        run.linksInUse()));
        if (!settled) {
          // which condition stayed open is what the reader of an unknown verdict needs to know
          verdict =
              verdict.asUnknown(
                  verdict.reason()
                      + " (after "
                      + options.settleTimeout().toSeconds()
                      + " s: "
                      + stillOpen
                      + ")");
        }
      } catch (Exception e) {
        verdict = Verdict.unknown("could not read the truth: " + e.getMessage());
      }
      phases.mark("check");
    } finally {
      run.closeLater();
    }
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

  /**
   * The services a variant deploys (the fraud service included) and their crash points: what a
   * scenario generator may crash. Found by deploying the variant once in a throwaway run space.
   */
  public synchronized List<ServiceProfile> profile(DualWriteStrategy strategy, Variant variant) {
    String key = strategy.name() + "/" + variant.name();
    List<ServiceProfile> known = profiles.get(key);
    if (known != null) {
      return known;
    }
    String template = templates.forMigrations(environment, strategy.migrations(variant));
    List<ServiceProfile> found = new ArrayList<>();
    Set<Link> used = new java.util.HashSet<>();
    try (RunSpace run = RunSpace.open(environment, "probe-" + newRunId(), template)) {
      Crashes crashes = new Crashes();
      FraudDetectionService fraud =
          new FraudDetectionService(run, crashes, ConsumerMode.IDEMPOTENT, FraudRule.DEFAULT);
      try (Deployment deployment = strategy.deploy(variant, run, crashes)) {
        List<Service> services = new ArrayList<>(deployment.services());
        services.add(fraud);
        for (Service service : services) {
          found.add(
              new ServiceProfile(
                  service.name(),
                  service.component(),
                  service.crashPoints().stream().map(p -> p.name()).toList()));
        }
      }
      used.addAll(run.linksInUse());
    }
    // the probe does not start the fraud service, which always uses both of its links
    used.add(Link.of(Component.FRAUD, Server.POSTGRES));
    used.add(Link.of(Component.FRAUD, Server.KAFKA));
    links.put(key, Set.copyOf(used));
    profiles.put(key, List.copyOf(found));
    return profiles.get(key);
  }

  /**
   * The links a variant's deployment connects through: a fault on another link cannot reach it, so
   * a scenario generator leaves those alone.
   */
  public synchronized Set<Link> linksInUse(DualWriteStrategy strategy, Variant variant) {
    profile(strategy, variant);
    return links.get(strategy.name() + "/" + variant.name());
  }

  /** Whether the strategy can run two relays side by side (a scenario may then ask for them). */
  public static boolean runsTwoRelays(DualWriteStrategy strategy) {
    try {
      strategy.withRelays(2);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Why a scenario does not apply to a variant (it names a service or crash point the variant
   * lacks, needs relays the strategy does not run, or cuts a link the variant never connects
   * through, where its fault could never land), or empty when it applies.
   */
  public Optional<String> whyNotApplicable(
      DualWriteStrategy strategy, Variant variant, Scenario scenario) {
    if (scenario.relays() > 1) {
      try {
        strategy.withRelays(scenario.relays());
      } catch (UnsupportedOperationException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (variant.brokers() > environment.brokers()) {
      return Optional.of(
          "it differs from the fix only when Kafka keeps copies on several brokers (run with"
              + " --brokers "
              + variant.brokers()
              + ")");
    }
    if (scenario.brokersNeeded() > environment.brokers()) {
      return Optional.of(
          "it needs a Kafka cluster of "
              + scenario.brokersNeeded()
              + " brokers (run with --brokers 3)");
    }
    List<ServiceProfile> services = profile(strategy, variant);
    Set<Link> used = linksInUse(strategy, variant);
    for (Step step : scenario.steps()) {
      Link cut =
          step instanceof Step.Inject inject
              ? inject.fault().link()
              : step instanceof Step.FaultAt at ? at.fault().link() : null;
      if (cut != null && cut.oneBroker() && cut.broker() > environment.brokers()) {
        return Optional.of("it cuts " + cut + ", and this Kafka has " + environment.brokers());
      }
      if (cut != null && !used.contains(cut.whole())) {
        // the fault could never land: nothing of this variant connects through that link
        return Optional.of("it never connects through " + cut);
      }
      String service = null;
      String point = null;
      if (step instanceof Step.AtPoint at) {
        service = at.service();
        point = at.point();
      } else if (step instanceof Step.Kill kill) {
        service = kill.service();
      } else if (step instanceof Step.Restart restart) {
        service = restart.service();
      }
      if (service == null) {
        continue;
      }
      String wanted = service;
      Optional<ServiceProfile> found =
          services.stream()
              .filter(
                  s ->
                      s.name().equals(wanted)
                          || s.component().label().equals(wanted)
                          || (scenario.relays() > 1 && wanted.startsWith("relay-")))
              .findFirst();
      if (found.isEmpty()) {
        return Optional.of("it has no service " + service);
      }
      if (point != null && !found.get().crashPoints().contains(point)) {
        return Optional.of(service + " has no crash point " + point);
      }
    }
    return Optional.empty();
  }

  /**
   * A fresh run space with the variant's schema migrated (from its template), for work that is not
   * a scenario, such as the benchmark. The caller closes it.
   */
  public RunSpace openRunSpace(DualWriteStrategy strategy, Variant variant, String prefix) {
    String template = templates.forMigrations(environment, strategy.migrations(variant));
    return RunSpace.open(environment, prefix + "-" + newRunId(), template);
  }

  /** A service a variant deploys, and the names of its crash points. */
  public record ServiceProfile(String name, Component component, List<String> crashPoints) {}

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

  private static void take(Step step, Clients clients, Nemesis nemesis) {
    if (step instanceof Step.Record record) {
      clients.submit(record);
    } else if (step instanceof Step.Wait wait) {
      pause(wait.millis());
    } else if (step instanceof Step.AwaitClients) {
      clients.awaitIdle(CLIENT_TIMEOUT);
    } else {
      nemesis.apply(step);
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

  /** Where a run's time goes, for the log. */
  private static final class Phases {
    private final StringBuilder marks = new StringBuilder();
    private long last = System.nanoTime();

    void mark(String phase) {
      long now = System.nanoTime();
      marks.append(phase).append('=').append((now - last) / 1_000_000).append("ms ");
      last = now;
    }

    @Override
    public String toString() {
      return marks.toString().trim();
    }
  }

  private static String newRunId() {
    return LocalDateTime.now().format(RUN_ID)
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }
}
