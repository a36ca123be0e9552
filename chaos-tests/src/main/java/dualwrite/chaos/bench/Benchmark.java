package dualwrite.chaos.bench;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.spi.Service;
import dualwrite.chaos.bench.BenchResults.EnvironmentFigures;
import dualwrite.chaos.bench.BenchResults.Throughput;
import dualwrite.chaos.bench.BenchResults.VariantFigures;
import dualwrite.chaos.checker.Checker;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.TruthReader;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.LabSystem;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Settling;
import dualwrite.chaos.run.Strategies.Choice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Measures, in one run against one environment, what each strategy variant costs: how fast and how
 * slowly the bank records transactions next to a bare insert-and-commit baseline, how fast its
 * relay drains a backlog, and how long events take from commit to fraud check at a steady rate.
 * Speed is measured here and reported, never asserted by a test.
 */
public final class Benchmark {

  private final Runner runner;
  private final BenchSettings settings;
  private final Consumer<String> progress;

  public Benchmark(Runner runner, BenchSettings settings, Consumer<String> progress) {
    this.runner = runner;
    this.settings = settings;
    this.progress = progress;
  }

  public BenchResults run(List<Choice> choices) throws Exception {
    Baselines baselines = new Baselines(runner, settings, progress);
    Throughput baseline = baselines.insertAndCommit(choices.get(0));
    Throughput ledger = baselines.ledger();
    List<VariantFigures> figures = new ArrayList<>();
    for (Choice choice : choices) {
      progress.accept(choice + ": recording");
      Throughput recording = recording(choice);
      Drain drain = null;
      if (hasRelay(choice)) {
        progress.accept(choice + ": draining a backlog of " + settings.backlog());
        drain = drain(choice);
      }
      progress.accept(choice + ": lag at " + settings.steadyRate() + " tx/s");
      Verdict.Quantiles lag = lag(choice);
      figures.add(
          new VariantFigures(
              choice.toString(),
              choice.variant().fix(),
              recording,
              recording.perSecond() / baseline.perSecond(),
              recording.perSecond() / ledger.perSecond(),
              drain == null ? null : drain.perSecond(),
              drain == null ? null : drain.startMs(),
              drain == null ? null : settings.backlog(),
              settings.steadyRate(),
              lag.p50(),
              lag.p99()));
    }
    progress.accept("environment: cold and warm start");
    EnvironmentFigures environment = EnvironmentStarts.measure(runner.environment().brokers());
    Runtime runtime = Runtime.getRuntime();
    return new BenchResults(
        Instant.now(),
        runtime.availableProcessors()
            + " processors, "
            + Math.round(totalMemoryGiB())
            + " GiB, Java "
            + Runtime.version(),
        settings.threads(),
        baseline,
        ledger,
        figures,
        environment);
  }

  private Throughput recording(Choice choice) throws Exception {
    try (LabSystem deployed = deploy(choice, "bench-rec", ConsumerMode.IDEMPOTENT)) {
      return Load.asFastAsPossible(
          Load.recording(deployed.bank()),
          settings.threads(),
          settings.warmUp(),
          settings.measure());
    }
  }

  /**
   * How a relay empties a backlog: its start (from the start call until every relay is ready: for
   * CDC the engine runs and the slot streams; the polling relay has published its first batch; the
   * log relay is connected and leads) apart from its rate once ready.
   *
   * @param perSecond events published per second from the moment the relays were ready
   * @param startMs from the start until ready
   */
  public record Drain(double perSecond, long startMs) {}

  /**
   * The relays stop, a backlog builds up, the relays start: how long they take to be ready, then
   * events published per second, with the fraud service stopped.
   */
  public Drain drain(Choice choice) throws Exception {
    try (LabSystem deployed = deploy(choice, "bench-drain", ConsumerMode.IDEMPOTENT)) {
      // the relay's rate alone: a fraud service checking every event would take the same cores
      deployed.fraud().stop();
      List<Service> relays =
          deployed.deployment().services().stream()
              .filter(s -> s.component() == Component.RELAY)
              .toList();
      relays.forEach(Service::stop);
      Load.count(Load.recording(deployed.bank()), settings.threads() * 2, settings.backlog());
      try (Connection direct = connect(runner, deployed.space().directDatabase().jdbcUrl())) {
        direct.setAutoCommit(true);
        long started = System.nanoTime();
        relays.forEach(Service::start);
        deployed.deployment().awaitReady(Runner.READY_TIMEOUT);
        long ready = System.nanoTime();
        long left = deployed.deployment().backlog(direct);
        Left.awaitZero(() -> deployed.deployment().backlog(direct), "events still to publish");
        long done = System.nanoTime();
        // what was published while the relays became ready counts with the start, not the rate
        double perSecond =
            left > 0
                ? left / ((done - ready) / 1e9)
                : settings.backlog() / ((done - started) / 1e9);
        return new Drain(perSecond, (ready - started) / 1_000_000);
      }
    }
  }

  /**
   * The fraud service's own rate, in events checked per second: with the fraud service stopped, a
   * backlog of events reaches the topic; then it starts and checks them all.
   */
  public double checkRate(Choice choice, ConsumerMode mode) throws Exception {
    try (LabSystem deployed = deploy(choice, "bench-check", mode)) {
      deployed.fraud().stop();
      Load.count(Load.recording(deployed.bank()), settings.threads() * 2, settings.backlog());
      try (Connection direct = connect(runner, deployed.space().directDatabase().jdbcUrl())) {
        direct.setAutoCommit(true);
        Left.awaitZero(() -> deployed.deployment().backlog(direct), "events still to publish");
        long started = System.nanoTime();
        deployed.fraud().start();
        Left.awaitZero(() -> settings.backlog() - checks(direct), "events still to check");
        return settings.backlog() / ((System.nanoTime() - started) / 1e9);
      }
    }
  }

  private static long checks(Connection direct) throws SQLException {
    try (Statement count = direct.createStatement();
        ResultSet row = count.executeQuery("SELECT count(*) FROM fraud.fraud_checks")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** A steady rate, then the checker's commit-to-fraud-check quantiles. */
  public Verdict.Quantiles lag(Choice choice) throws Exception {
    try (LabSystem deployed = deploy(choice, "bench-lag", ConsumerMode.IDEMPOTENT)) {
      Load.steady(Load.recording(deployed.bank()), settings.steadyRate(), settings.steadyFor());
      Settling.await(
          deployed.deployment(),
          deployed.space(),
          FraudDetectionService.groupId(deployed.space()),
          Duration.ofSeconds(60));
      Truth truth =
          TruthReader.read(
              deployed.space().directDatabase().jdbcUrl(),
              runner.environment().postgresUser(),
              runner.environment().postgresPassword(),
              deployed.space().directKafka(),
              deployed.space().topics().events());
      return new Checker().check(List.of(), truth, null).lag().commitToCheck();
    }
  }

  private boolean hasRelay(Choice choice) {
    return runner.profile(choice.strategy(), choice.variant()).stream()
        .anyMatch(s -> s.component() == Component.RELAY);
  }

  /** A deployed variant with its fraud service, in a fresh run space. */
  private LabSystem deploy(Choice choice, String prefix, ConsumerMode mode) {
    RunSpace space = runner.openRunSpace(choice.strategy(), choice.variant(), prefix);
    LabSystem system =
        LabSystem.deploy(space, choice.strategy(), choice.variant(), new Crashes(), mode);
    try {
      // a relay still starting would count its start as lag, or as the cost of recording
      return system.awaitReady(Runner.READY_TIMEOUT);
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
  }

  /** A connection of its own to the run's database, past every proxy. */
  static Connection connect(Runner runner, String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", runner.environment().postgresUser());
    props.setProperty("password", runner.environment().postgresPassword());
    return DriverManager.getConnection(url, props);
  }

  private static double totalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / (1024.0 * 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: unknown
    }
    return 0;
  }
}
