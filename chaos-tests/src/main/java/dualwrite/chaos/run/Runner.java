package dualwrite.chaos.run;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.fraud.FraudRule;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one scenario against one strategy variant, in a fresh part of the environment: deploys the
 * strategy and the fraud service, waits until each is ready, takes the steps (the clients' requests
 * concurrently, the nemesis's in order), then heals everything, restarts what is down, waits for
 * the system to settle, and hands the history and the truth to the checker. Each run leaves its
 * folder.
 */
public final class Runner {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  /** How long the services of a fresh deployment may take to be ready before the run gives up. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final LabEnvironment environment;
  private final Path runs;
  private final TemplateDatabases templates;
  private final Map<String, List<ServiceProfile>> profiles;
  private final Map<String, Set<Link>> links;
  private final WarmUps warmUps;

  /**
   * @param runs where run folders go, such as {@code target/lab-runs}
   */
  public Runner(LabEnvironment environment, Path runs) {
    this(
        environment,
        runs,
        new TemplateDatabases(),
        new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(),
        new WarmUps());
  }

  private Runner(
      LabEnvironment environment,
      Path runs,
      TemplateDatabases templates,
      Map<String, List<ServiceProfile>> profiles,
      Map<String, Set<Link>> links,
      WarmUps warmUps) {
    this.environment = environment;
    this.runs = runs;
    this.templates = templates;
    this.profiles = profiles;
    this.links = links;
    this.warmUps = warmUps;
  }

  /**
   * A runner that leaves its folders elsewhere and shares this one's template databases (two
   * runners of their own on one environment would clash over them). It warms variants up on its
   * own.
   */
  public Runner writingTo(Path elsewhere) {
    return new Runner(environment, elsewhere, templates, profiles, links, new WarmUps());
  }

  public LabEnvironment environment() {
    return environment;
  }

  /** Where run folders go. */
  public Path runs() {
    return runs;
  }

  /**
   * Runs the scenario and checks it: deploys, takes the steps, then heals, settles, checks and
   * writes the run's folder. A scenario without faults measures the variant's delivery lag, so the
   * first one of each variant in this JVM comes after a {@linkplain WarmUps warm-up}.
   *
   * @throws IllegalArgumentException when a step names a service or crash point the variant lacks
   * @throws UnsupportedOperationException when a step needs a server fault the backend cannot do
   * @throws dualwrite.bank.spi.ServiceNotReady when a service is not ready {@link #READY_TIMEOUT}
   *     after the deploy: the run never starts its steps
   */
  public RunResult run(
      DualWriteStrategy chosen, Variant variant, Scenario scenario, RunOptions options) {
    if (scenario.steps().stream().noneMatch(Step::nemesis)) {
      DualWriteStrategy strategy = chosen.withRelays(scenario.relays());
      warmUps.once(
          strategy, variant, options.consumer(), () -> openRunSpace(strategy, variant, "warm-up"));
    }
    try (Session session =
        open(chosen, variant, scenario.name(), scenario.clients(), scenario.relays(), options)) {
      for (Step step : scenario.steps()) {
        session.take(step);
      }
      return session.finish(scenario);
    }
  }

  /**
   * Deploys the variant and the fraud service in a fresh run space and waits until every service is
   * ready: a run whose steps come one at a time, from a scenario or from a person at the live lab.
   * The caller takes the steps, then {@linkplain Session#finish finishes} the run, and closes the
   * session in any case.
   *
   * @param scenarioName the name the run's folder goes under
   * @throws dualwrite.bank.spi.ServiceNotReady when a service is not ready {@link #READY_TIMEOUT}
   *     after the deploy
   */
  public Session open(
      DualWriteStrategy chosen,
      Variant variant,
      String scenarioName,
      int clients,
      int relays,
      RunOptions options) {
    DualWriteStrategy strategy = chosen.withRelays(relays);
    String runId = newRunId();
    Path folder = RunFolder.create(runs, strategy.name(), variant.name(), scenarioName, runId);
    String template = templates.forMigrations(environment, strategy.migrations(variant));
    return new Session(
        environment,
        strategy,
        variant,
        clients,
        options,
        runId,
        folder,
        RunSpace.open(environment, runId, template));
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
    Set<Link> used = new HashSet<>();
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
    Applicability applicability = new Applicability(environment.brokers());
    Optional<String> topology = applicability.whyNotHere(strategy, variant, scenario);
    if (topology.isPresent()) {
      return topology;
    }
    return applicability.whyNotSteps(
        scenario, profile(strategy, variant), linksInUse(strategy, variant));
  }

  /**
   * A fresh run space with the variant's schema migrated (from its template), for work that is not
   * a scenario, such as the benchmark. The caller closes it.
   */
  public RunSpace openRunSpace(DualWriteStrategy strategy, Variant variant, String prefix) {
    String template = templates.forMigrations(environment, strategy.migrations(variant));
    return RunSpace.open(environment, prefix + "-" + newRunId(), template);
  }

  /** The variants this runner warmed up before a run without faults. */
  Set<String> warmedUp() {
    return warmUps.warmed();
  }

  private static String newRunId() {
    return LocalDateTime.now().format(RUN_ID)
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  }
}
