package dualwrite.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.TransactionRunner;
import dualwrite.bank.spi.ServiceLoop;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One life of a polling relay: a thread that claims pending outbox rows, publishes them, waits for
 * Kafka's acknowledgements and marks them published, all inside one database transaction that holds
 * the claimed lanes. It sleeps on LISTEN/NOTIFY, with a short polling fallback, and it never gives
 * up: every failure of PostgreSQL or Kafka leads to a back-off and another try.
 */
final class PollingRelay extends ServiceLoop {

  private static final Logger log = LoggerFactory.getLogger(PollingRelay.class);

  /** The channel the outbox's insert trigger notifies (see V2__outbox.sql). */
  static final String CHANNEL = "bank_outbox";

  private final String name;
  private final HikariDataSource database;
  private final TransactionRunner transactions;
  private final NamedParameterJdbcTemplate jdbc;
  private final Publisher publisher;
  private final OutboxSettings settings;
  private final Tripwire tripwire;
  private final Claim claim;
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

  /** Set and cleared by the relay's thread; read by a stop, which cuts the wait short. */
  private volatile Connection listener;

  private long nextRetentionNanos;

  private PollingRelay(
      String name,
      HikariDataSource database,
      Publisher publisher,
      OutboxSettings settings,
      Claim claim,
      Tripwire tripwire) {
    super(name);
    this.name = name;
    this.database = database;
    this.transactions = new TransactionRunner(database);
    this.jdbc = new NamedParameterJdbcTemplate(database);
    this.publisher = publisher;
    this.settings = settings;
    this.claim = claim;
    this.tripwire = tripwire;
    this.nextRetentionNanos = System.nanoTime() + settings.retentionEvery().toNanos();
  }

  static PollingRelay start(
      String name,
      HikariDataSource database,
      Publisher publisher,
      OutboxSettings settings,
      Claim claim,
      Tripwire tripwire) {
    PollingRelay relay = new PollingRelay(name, database, publisher, settings, claim, tripwire);
    relay.launch();
    return relay;
  }

  @Override
  protected void serve() throws InterruptedException {
    while (isRunning()) {
      try {
        int relayed = relayOneBatch();
        if (relayed > 0) {
          // a backlog is the job itself: ready once a batch went out, not once it is all gone
          ready();
        }
        retainIfDue();
        if (relayed < settings.batchSize()) {
          awaitWork();
        }
      } catch (SQLException | PublishFailed | RuntimeException e) {
        if (!isRunning()) {
          break;
        }
        log.debug("{}: {}; backing off", name, e.toString());
        closeListener();
        backoff.pause();
      }
    }
  }

  @Override
  protected void shutDown() {
    closeListener();
  }

  /**
   * Claims, publishes and marks one batch in one transaction.
   *
   * @return how many rows it published
   * @throws PublishFailed after marking what did get through, when Kafka failed some rows for a
   *     reason that passes: the caller backs off
   */
  private int relayOneBatch() throws InterruptedException, PublishFailed {
    Batch batch = transactions.run(this::claimPublishMark);
    if (batch == null) {
      return 0;
    }
    Publication publication = batch.publication();
    claim.published(publication.published());
    if (!batch.parked().isEmpty()) {
      log.warn("{}: parked poison rows {}", name, batch.parked());
    }
    if (publication.hasPassingFailures()) {
      throw new PublishFailed(publication.anyFailure());
    }
    backoff.reset();
    return publication.published().size();
  }

  /** The batch's work inside its transaction; null when there was nothing to claim. */
  private Batch claimPublishMark() throws InterruptedException {
    // region polling-relay
    List<OutboxRow> rows = claim.claim(jdbc, settings.batchSize());
    if (rows.isEmpty()) {
      return null;
    }
    tripwire.pass(OutboxCrashPoints.AFTER_CLAIM);
    Publication publication =
        publisher.publish(rows, () -> tripwire.pass(OutboxCrashPoints.MID_BATCH));
    tripwire.pass(OutboxCrashPoints.AFTER_PUBLISH);
    Outbox.markPublished(jdbc, publication.publishedIds(), name);
    List<Long> parked =
        Outbox.recordFailures(
            jdbc, publication.failures(), publication.poison(), settings.maxAttempts());
    return new Batch(publication, parked); // then the commit, which releases the lanes
    // endregion polling-relay
  }

  /** What a committed batch did: what Kafka made of it, and the poison rows it parked. */
  private record Batch(Publication publication, List<Long> parked) {}

  /** Deletes old published rows now and then, in its own short transaction. */
  private void retainIfDue() {
    if (System.nanoTime() < nextRetentionNanos) {
      return;
    }
    nextRetentionNanos = System.nanoTime() + settings.retentionEvery().toNanos();
    int deleted =
        transactions.run(
            () -> OutboxRetention.deletePublishedOlderThan(jdbc, settings.retention()));
    if (deleted > 0) {
      log.debug("{}: retention deleted {} published rows", name, deleted);
    }
  }

  /**
   * Sleeps until the bank notifies an insert, or the polling interval passes. A relay that found
   * nothing to publish is ready the first time it gets here: it has polled the outbox, and the next
   * insert wakes it at once. (One that started on a backlog was ready after its first batch: were
   * it ready only here, its readiness would wait for the whole backlog, and {@code ./lab bench}
   * reported the polling relay's drain as its start.)
   */
  private void awaitWork() throws SQLException, InterruptedException {
    long timeoutMs = settings.pollInterval().toMillis();
    if (listener == null) {
      listener = database.getConnection();
      try (Statement listen = listener.createStatement()) {
        listen.execute("LISTEN " + CHANNEL);
      }
      listener.commit();
    }
    ready();
    listener.unwrap(PGConnection.class).getNotifications((int) timeoutMs);
  }

  private void closeListener() {
    if (listener != null) {
      try {
        listener.close();
      } catch (SQLException e) {
        // a broken connection is dropped by the pool
      }
      listener = null;
    }
  }

  /** Dies as a killed process would: unacknowledged records dropped, the transaction abandoned. */
  @Override
  protected void dropAtOnce() {
    publisher.kill();
    database.close(); // aborts the open connections: PostgreSQL rolls back and frees the lanes
    backoff.wakeUp();
  }

  /**
   * Ends the wait for a notification at once, rather than when the polling interval passes: the
   * connection it listens on is aborted, the wait fails, and the loop, no longer running, ends.
   */
  @Override
  protected void unblock() {
    backoff.wakeUp();
    Connection listening = listener;
    if (listening != null) {
      try {
        listening.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        log.debug("{}: could not cut the wait for a notification short: {}", name, e.toString());
      }
    }
  }

  @Override
  protected void closeAfterStop() {
    publisher.close();
    database.close();
  }

  /**
   * Kafka refused some rows for a reason that passes; the relay backs off before it tries again.
   */
  static final class PublishFailed extends Exception {
    PublishFailed(Throwable cause) {
      super("Kafka did not take every row: " + cause, cause, false, false);
    }
  }
}
