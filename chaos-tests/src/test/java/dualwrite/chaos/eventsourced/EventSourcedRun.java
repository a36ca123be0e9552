package dualwrite.chaos.eventsourced;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.LabSystem;
import dualwrite.eventsourced.EventSourcedStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One run of the event-sourced strategy for a test: a fresh database and topics on the shared
 * environment, the schema migrated, a deployment, optionally the fraud service, a tail of the topic
 * and a fault-free pool for reading the truth. Closing it stops everything, heals every link and
 * drops the run.
 */
final class EventSourcedRun implements AutoCloseable {

  /** A committed transaction as the checker reads it from {@code bank.committed_transactions}. */
  record Committed(UUID transactionId, UUID eventId, String accountId, long sequence) {}

  final LabEnvironment env;
  final RunSpace run;
  final Crashes crashes = new Crashes();
  final List<CrashPoint> fired = new CopyOnWriteArrayList<>();
  final Deployment deployment;
  final HikariDataSource direct;
  final TopicTail topic;
  private final LabSystem system;

  private EventSourcedRun(String variantName, int relays, boolean withFraud) {
    env = Environments.shared();
    EventSourcedStrategy strategy = new EventSourcedStrategy(relays);
    Variant variant = strategy.variant(variantName);
    crashes.onFire(fired::add);
    // no wait for readiness: some tests watch the relays start
    system =
        LabSystem.deploy(
            LabRuns.runner().openRunSpace(strategy, variant, "es"),
            strategy,
            variant,
            crashes,
            withFraud ? ConsumerMode.IDEMPOTENT : null);
    run = system.space();
    deployment = system.deployment();
    direct = run.directDatabase().openPool("checker", 8);
    topic = new TopicTail(run.directKafka(), run.topics().events(), RunSpace.EVENT_PARTITIONS);
  }

  static EventSourcedRun start(String variant, int relays) {
    return new EventSourcedRun(variant, relays, false);
  }

  static EventSourcedRun startWithFraudService(String variant) {
    return new EventSourcedRun(variant, 1, true);
  }

  Bank bank() {
    return deployment.bank();
  }

  Service service(String name) {
    return deployment.services().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no service " + name));
  }

  long backlog() throws SQLException {
    try (Connection connection = direct.getConnection()) {
      return deployment.backlog(connection);
    }
  }

  List<Committed> committed() throws SQLException {
    return query(
        "SELECT transaction_id, event_id, account_id, sequence FROM bank.committed_transactions"
            + " ORDER BY account_id, sequence",
        row ->
            new Committed(
                row.getObject(1, UUID.class),
                row.getObject(2, UUID.class),
                row.getString(3),
                row.getLong(4)));
  }

  Map<String, Long> balances() throws SQLException {
    Map<String, Long> balances = new HashMap<>();
    for (Object[] row :
        query(
            "SELECT account_id, balance_minor FROM bank.account_balances",
            r -> new Object[] {r.getString(1), r.getLong(2)})) {
      balances.put((String) row[0], (Long) row[1]);
    }
    return balances;
  }

  /** Fraud checks per transaction id. */
  Map<UUID, Long> fraudChecks() throws SQLException {
    Map<UUID, Long> checks = new HashMap<>();
    for (Object[] row :
        query(
            "SELECT transaction_id, count(*) FROM fraud.fraud_checks GROUP BY transaction_id",
            r -> new Object[] {r.getObject(1, UUID.class), r.getLong(2)})) {
      checks.put((UUID) row[0], (Long) row[1]);
    }
    return checks;
  }

  /**
   * The application name of the session holding the relay lock in this run's database (the relay
   * service's name), or null while no relay leads.
   */
  String leader() throws SQLException {
    List<String> leaders =
        query(
            """
            SELECT a.application_name
              FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            row -> row.getString(1));
    if (leaders.size() > 1) {
      throw new AssertionError("more than one relay holds the lock: " + leaders);
    }
    return leaders.isEmpty() ? null : leaders.get(0);
  }

  /** The events on the topic so far. */
  Deliveries deliveries() {
    return topic.poll();
  }

  /** Waits until the relay reports nothing left and every committed transaction is on the topic. */
  Deliveries awaitEverythingDelivered(Duration atMost) {
    await().atMost(atMost).until(() -> backlog() == 0 && deliveries().lost(committed()).isEmpty());
    return deliveries();
  }

  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  <T> List<T> query(String sql, Row<T> mapper) throws SQLException {
    try (Connection connection = direct.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.read(rows));
      }
      connection.rollback();
      return result;
    }
  }

  @Override
  public void close() {
    try {
      env.toxiproxy().reset();
    } catch (IOException e) {
      throw new IllegalStateException("could not heal the links", e);
    } finally {
      system.stop();
      topic.close();
      direct.close();
      run.close();
    }
  }
}
