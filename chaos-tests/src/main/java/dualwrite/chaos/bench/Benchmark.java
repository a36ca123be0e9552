package dualwrite.chaos.bench;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.ledger.Ledger;
import dualwrite.bank.ledger.Transactions;
import dualwrite.bank.spi.Service;
import dualwrite.chaos.bench.BenchResults.EnvironmentFigures;
import dualwrite.chaos.bench.BenchResults.Throughput;
import dualwrite.chaos.bench.BenchResults.VariantFigures;
import dualwrite.chaos.checker.Checker;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.TruthReader;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.env.EmbeddedEnvironment;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.LabSystem;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Settling;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.run.Strategies.Choice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Measures, in one run against one environment, what each strategy variant costs: how fast and how
 * slowly the bank records transactions next to a bare insert-and-commit baseline, how fast its
 * relay drains a backlog, and how long events take from commit to fraud check at a steady rate.
 * Speed is measured here and reported, never asserted by a test.
 */
public final class Benchmark {

  /**
   * @param threads client threads recording
   * @param warmUp recording before measuring
   * @param measure recording measured
   * @param backlog events in the backlog a relay drains
   * @param steadyRate transactions per second for the lag figures
   * @param steadyFor how long the steady rate lasts
   */
  public record Settings(
      int threads,
      Duration warmUp,
      Duration measure,
      int backlog,
      int steadyRate,
      Duration steadyFor) {

    public static final Settings FULL =
        new Settings(
            4, Duration.ofSeconds(2), Duration.ofSeconds(8), 100_000, 500, Duration.ofSeconds(10));

    public static final Settings QUICK =
        new Settings(
            4, Duration.ofSeconds(1), Duration.ofSeconds(3), 10_000, 500, Duration.ofSeconds(4));
  }

  private final Runner runner;
  private final Settings settings;
  private final Consumer<String> progress;

  public Benchmark(Runner runner, Settings settings, Consumer<String> progress) {
    this.runner = runner;
    this.settings = settings;
    this.progress = progress;
  }

  public BenchResults run(List<Choice> choices) throws Exception {
    Throughput baseline = baseline(choices.get(0));
    Throughput ledger = ledgerBaseline();
    List<VariantFigures> figures = new ArrayList<>();
    for (Choice choice : choices) {
      progress.accept(choice + ": recording");
      Throughput recording = recording(choice);
      Double drain = null;
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
              drain,
              drain == null ? null : settings.backlog(),
              settings.steadyRate(),
              lag.p50(),
              lag.p99()));
    }
    progress.accept("environment: cold and warm start");
    EnvironmentFigures environment = environment();
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

  /** A bare single-row insert and commit through the bank's link: what no strategy can beat. */
  private Throughput baseline(Choice any) throws Exception {
    progress.accept("baseline: single-row insert and commit");
    try (RunSpace space = runner.openRunSpace(any.strategy(), any.variant(), "bench-base")) {
      try (Connection direct = connect(space.directDatabase().jdbcUrl());
          Statement statement = direct.createStatement()) {
        statement.execute(
            "CREATE TABLE public.baseline (id uuid PRIMARY KEY, account_id text NOT NULL,"
                + " amount_minor bigint NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
      }
      try (HikariDataSource pool =
          space.database(Component.BANK).openPool("baseline", settings.threads())) {
        return Load.asFastAsPossible(
            () -> {
              try (Connection connection = pool.getConnection();
                  PreparedStatement insert =
                      connection.prepareStatement(
                          "INSERT INTO public.baseline (id, account_id, amount_minor) VALUES (?, ?, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "acct-1");
                insert.setLong(3, 4000);
                insert.executeUpdate();
                connection.commit();
              }
            },
            settings.threads(),
            settings.warmUp(),
            settings.measure());
      }
    }
  }

  /** The bank's ledger transaction alone (no event, no relay, no consumer): its own cost. */
  private Throughput ledgerBaseline() throws Exception {
    progress.accept("baseline: the bank's ledger transaction with no event");
    Choice naive = Strategies.parse("naive/db-then-kafka");
    try (RunSpace space = runner.openRunSpace(naive.strategy(), naive.variant(), "bench-ledger");
        HikariDataSource pool =
            space.database(Component.BANK).openPool("ledger", settings.threads())) {
      Transactions transactions = new Transactions(pool);
      NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(pool);
      return Load.asFastAsPossible(
          () -> transactions.run(() -> Ledger.record(jdbc, Load.request())),
          settings.threads(),
          settings.warmUp(),
          settings.measure());
    }
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
   * The relays stop, a backlog builds up, the relays start: events published per second, with the
   * fraud service stopped.
   */
  public double drain(Choice choice) throws Exception {
    try (LabSystem deployed = deploy(choice, "bench-drain", ConsumerMode.IDEMPOTENT)) {
      // the relay's rate alone: a fraud service checking every event would take the same cores
      deployed.fraud().stop();
      List<Service> relays =
          deployed.deployment().services().stream()
              .filter(s -> s.component() == Component.RELAY)
              .toList();
      relays.forEach(Service::stop);
      Load.count(Load.recording(deployed.bank()), settings.threads() * 2, settings.backlog());
      try (Connection direct = connect(deployed.space().directDatabase().jdbcUrl())) {
        direct.setAutoCommit(true);
        long started = System.nanoTime();
        relays.forEach(Service::start);
        awaitZero(() -> deployed.deployment().backlog(direct), "events still to publish");
        return settings.backlog() / ((System.nanoTime() - started) / 1e9);
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
      try (Connection direct = connect(deployed.space().directDatabase().jdbcUrl())) {
        direct.setAutoCommit(true);
        awaitZero(() -> deployed.deployment().backlog(direct), "events still to publish");
        long started = System.nanoTime();
        deployed.fraud().start();
        awaitZero(() -> settings.backlog() - checks(direct), "events still to check");
        return settings.backlog() / ((System.nanoTime() - started) / 1e9);
      }
    }
  }

  /** How long a drain may take before the benchmark gives up on it: far beyond any target. */
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);

  /** Something left to do, counted in the database. */
  @FunctionalInterface
  private interface Left {
    long count() throws SQLException;
  }

  /**
   * Polls until nothing is left, every 20 ms (a benchmark measures a rate: the poll is its clock).
   *
   * @throws IllegalStateException when something is still left after {@link #DRAIN_LIMIT}
   */
  private static void awaitZero(Left left, String what) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long count;
    while ((count = left.count()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            count + " " + what + " after " + DRAIN_LIMIT.toSeconds() + " s: it never finished");
      }
      Thread.sleep(20);
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

  /** Cold start (initdb, fresh broker) and warm start (data kept) of a second environment. */
  private EnvironmentFigures environment() throws IOException {
    Path home = Path.of("target", "bench-env").toAbsolutePath();
    deleteRecursively(home);
    long started = System.nanoTime();
    double postgresMiB;
    double brokerMiB;
    int brokers = runner.environment().brokers();
    try (EmbeddedEnvironment cold = EmbeddedEnvironment.start(home, brokers)) {
      long coldMs = (System.nanoTime() - started) / 1_000_000;
      postgresMiB = Memory.pssMiB(cold.postgresProcesses());
      brokerMiB = Memory.pssMiB(cold.brokerProcesses().stream().map(ProcessHandle::pid).toList());
      cold.close();
      started = System.nanoTime();
      try (EmbeddedEnvironment warm = EmbeddedEnvironment.start(home, brokers)) {
        long warmMs = (System.nanoTime() - started) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        double labMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
        return new EnvironmentFigures(coldMs, warmMs, postgresMiB, brokerMiB, labMiB, brokers);
      }
    } finally {
      deleteRecursively(home);
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

  private Connection connect(String url) throws SQLException {
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

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
