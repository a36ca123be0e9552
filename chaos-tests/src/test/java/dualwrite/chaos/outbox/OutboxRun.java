package dualwrite.chaos.outbox;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
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
import dualwrite.outbox.OutboxSettings;
import dualwrite.outbox.OutboxStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One run of the outbox strategy for a test: a fresh database and topics, the schema migrated, the
 * deployment started and ready, optionally the fraud service, and fault-free access for the
 * assertions. Closing it heals every link, stops everything and drops the run.
 */
final class OutboxRun implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  final LabEnvironment env;
  final RunSpace space;
  final Crashes crashes = new Crashes();
  final Deployment deployment;
  final HikariDataSource direct;
  final TopicReader topic;

  /** From the call to deploy until every service was ready. */
  final Duration readyAfter;

  private final LabSystem system;

  private OutboxRun(String variant, OutboxSettings settings, boolean withFraud) {
    env = Environments.shared();
    OutboxStrategy strategy = new OutboxStrategy(settings);
    Variant chosen = strategy.variant(variant);
    system =
        LabSystem.deploy(
            LabRuns.runner().openRunSpace(strategy, chosen, "obx"),
            strategy,
            chosen,
            crashes,
            withFraud ? ConsumerMode.IDEMPOTENT : null);
    try {
      system.awaitReady(READY_TIMEOUT);
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
    space = system.space();
    deployment = system.deployment();
    readyAfter = system.readyAfter();
    direct = space.directDatabase().openPool("test-direct", 4);
    topic = new TopicReader(space);
  }

  static OutboxRun start(String variant, OutboxSettings settings, boolean withFraud) {
    return new OutboxRun(variant, settings, withFraud);
  }

  Bank bank() {
    return deployment.bank();
  }

  /** The nth relay service, counting from 1. */
  Service relay(int n) {
    return deployment.services().get(n);
  }

  List<Service> relays() {
    return deployment.services().subList(1, deployment.services().size());
  }

  /**
   * Records {@code count} deposits, round robin over {@code accounts}, and returns the receipts.
   */
  List<Receipt> record(int count, String... accounts) throws TransactionFailed {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      receipts.add(
          bank()
              .record(
                  TransactionRequest.of(
                      accounts[i % accounts.length], TransactionType.DEPOSIT, 100 + i, "EUR")));
    }
    return receipts;
  }

  static List<UUID> eventIds(List<Receipt> receipts) {
    return receipts.stream().map(Receipt::eventId).toList();
  }

  long backlog() throws SQLException {
    try (Connection connection = direct.getConnection()) {
      long backlog = deployment.backlog(connection);
      connection.commit();
      return backlog;
    }
  }

  /** A number that a query returns, read on the fault-free connection. */
  long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = direct.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        long value = row.getLong(1);
        connection.commit();
        return value;
      }
    }
  }

  /** The event id the ledger holds for a transaction. */
  UUID eventIdOf(UUID transactionId) throws SQLException {
    try (Connection connection = direct.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT event_id FROM bank.committed_transactions WHERE transaction_id = ?")) {
      query.setObject(1, transactionId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        UUID eventId = row.getObject(1, UUID.class);
        connection.commit();
        return eventId;
      }
    }
  }

  /** Runs a statement on the fault-free connection and commits. */
  void execute(String sql, Object... parameters) throws SQLException {
    try (Connection connection = direct.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
      connection.commit();
    }
  }

  /** Waits until every event is on the topic and the outbox has nothing left to publish. */
  void awaitDelivered(List<UUID> eventIds, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> topic.eventIds().containsAll(eventIds));
    await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
  }

  /** Waits until a service is down (it died at a crash point). */
  static void awaitDown(Service service) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !service.isUp());
  }

  @Override
  public void close() {
    try {
      env.toxiproxy().reset();
    } catch (Exception e) {
      // the next test resets again
    }
    try {
      system.stop();
    } finally {
      topic.close();
      direct.close();
      space.close();
    }
  }
}
