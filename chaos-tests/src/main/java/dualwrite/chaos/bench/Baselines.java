package dualwrite.chaos.bench;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Component;
import dualwrite.bank.ledger.Ledger;
import dualwrite.bank.ledger.Transactions;
import dualwrite.chaos.bench.BenchResults.Throughput;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.run.Strategies.Choice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What the benchmark measures the variants against: a bare single-row insert and commit, and the
 * bank's ledger transaction alone, each as fast as the threads can go.
 */
final class Baselines {

  private final Runner runner;
  private final BenchSettings settings;
  private final Consumer<String> progress;

  Baselines(Runner runner, BenchSettings settings, Consumer<String> progress) {
    this.runner = runner;
    this.settings = settings;
    this.progress = progress;
  }

  /** A bare single-row insert and commit through the bank's link: what no strategy can beat. */
  Throughput insertAndCommit(Choice any) throws Exception {
    progress.accept("baseline: single-row insert and commit");
    try (RunSpace space = runner.openRunSpace(any.strategy(), any.variant(), "bench-base")) {
      try (Connection direct = Benchmark.connect(runner, space.directDatabase().jdbcUrl());
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
  Throughput ledger() throws Exception {
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
}
