package dualwrite.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.TransactionRunner;
import dualwrite.bank.spi.Instance;
import dualwrite.bank.spi.Readiness;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.TransactionException;

/**
 * One life of a CDC relay: Debezium's embedded engine reads the outbox's inserts from the
 * write-ahead log (pgoutput, through the relay's PostgreSQL link), and for each batch the relay
 * publishes the rows, waits for Kafka's acknowledgements, marks the rows published, and only then
 * lets Debezium store the batch's position ({@link PostgresOffsetStore}). A supervisor thread
 * starts a fresh engine whenever one ends with an error, so the relay never gives up.
 */
final class CdcRelay implements Instance {

  private static final Logger log = LoggerFactory.getLogger(CdcRelay.class);

  /** How long a mark waits for rows the log showed before PostgreSQL shows them. */
  private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(2);

  private final String name;
  private final Properties engineConfig;
  private final String fenceId;
  private final Publisher publisher;
  private final HikariDataSource database;
  private final TransactionRunner transactions;
  private final NamedParameterJdbcTemplate jdbc;
  private final OutboxSettings settings;
  private final Tripwire tripwire;
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
  private final Readiness polling = new Readiness();
  private final long startedNanos = System.nanoTime();
  private final Thread supervisor;
  private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private volatile boolean running = true;
  private long nextRetentionNanos;

  private CdcRelay(
      String name,
      Properties engineConfig,
      String fenceId,
      Publisher publisher,
      HikariDataSource database,
      OutboxSettings settings,
      Tripwire tripwire) {
    this.name = name;
    this.engineConfig = engineConfig;
    this.fenceId = fenceId;
    this.publisher = publisher;
    this.database = database;
    this.transactions = new TransactionRunner(database);
    this.jdbc = new NamedParameterJdbcTemplate(database);
    this.settings = settings;
    this.tripwire = tripwire;
    this.nextRetentionNanos = System.nanoTime() + settings.retentionEvery().toNanos();
    this.supervisor = new Thread(this::supervise, name + "-supervisor");
    this.supervisor.setDaemon(true);
  }

  static CdcRelay start(
      String name,
      Properties engineConfig,
      String fenceId,
      Publisher publisher,
      HikariDataSource database,
      OutboxSettings settings,
      Tripwire tripwire) {
    CdcRelay relay =
        new CdcRelay(name, engineConfig, fenceId, publisher, database, settings, tripwire);
    relay.supervisor.start();
    return relay;
  }

  /** Runs one engine after another until the relay stops or dies. */
  private void supervise() {
    try {
      superviseEngines();
    } finally {
      polling.never();
    }
  }

  private void superviseEngines() {
    while (running) {
      long launched = System.nanoTime();
      DebeziumEngine<RecordChangeEvent<SourceRecord>> next =
          DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
              .using(engineConfig)
              .using(
                  new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                      polling.ready();
                      log.info(
                          "{}: Debezium engine started in {} ms",
                          name,
                          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));
                    }
                  })
              .using(
                  (success, message, error) -> {
                    if (running && error != null) {
                      log.debug("{}: engine ended: {}", name, message);
                    }
                  })
              .notifying(this::handleBatch)
              .build();
      engine = next;
      if (!running) {
        break; // killed while building: never start it
      }
      try {
        next.run(); // returns when the engine stops, by close() or an error
      } catch (RuntimeException e) {
        log.debug("{}: engine failed: {}", name, e.toString());
      }
      if (!running) {
        break;
      }
      try {
        backoff.pause(); // the next engine reads the stored offsets again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Ready when an engine polls and the replication slot is active, that is, a walsender streams it
   * (PostgreSQL marks it so at START_REPLICATION, which Debezium sends only after its task started,
   * so the engine's start alone says too little). With several relays the slot serves one reader;
   * the others are ready as standbys once their engines poll while the slot is streamed. The slot
   * is read through the relay's own link, so the wait may pass {@code timeout} by one connection
   * timeout when that link is cut.
   */
  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!polling.await(timeout)) {
      return false;
    }
    while (running) {
      if (slotIsActive()) {
        log.info(
            "{}: streaming from slot {}, {} ms after its start",
            name,
            slot(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private boolean slotIsActive() {
    try (Connection connection = database.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
      query.setString(1, slot());
      try (ResultSet row = query.executeQuery()) {
        boolean active = row.next() && row.getBoolean(1);
        connection.rollback(); // read only; the pool does not auto-commit
        return active;
      }
    } catch (SQLException e) {
      log.debug("{}: cannot read the slot yet: {}", name, e.toString());
      return false;
    }
  }

  private String slot() {
    return engineConfig.getProperty("slot.name");
  }

  /**
   * Publishes one batch of captured inserts, marks them published, and only then hands their
   * positions to Debezium, which stores them (offset.flush.interval.ms=0: at every batch).
   */
  private void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    // A Crash thrown from the tripwire leaves before markProcessed: nothing of this batch is
    // stored, and kill() has already fenced the offset store.
    // region cdc-relay
    List<OutboxRow> pending = inserts(records);
    while (!pending.isEmpty()) {
      Publisher.InFlight sent = publisher.send(pending); // the whole batch at once
      Publication publication = markWhileAcked(sent); // null: not all acknowledged, or no database
      Set<Long> parked = Set.of();
      if (publication == null) {
        publication = publisher.answers(sent);
        parked = settle(publication);
      }
      pending = retryable(pending, publication, parked);
      if (!pending.isEmpty()) {
        backoff.pause(); // Kafka did not take everything: try the rest again, never skip it
      }
      checkRunning();
    }
    tripwire.pass(OutboxCrashPoints.CDC_AFTER_PUBLISH);
    for (RecordChangeEvent<SourceRecord> record : records) {
      committer.markProcessed(record);
    }
    committer.markBatchFinished(); // stores the batch's WAL position
    // endregion cdc-relay
    backoff.reset();
    retainIfDue();
  }

  /** The outbox rows inserted in these change events (Debezium's envelope: op "c", "after"). */
  private static List<OutboxRow> inserts(List<RecordChangeEvent<SourceRecord>> records) {
    List<OutboxRow> rows = new ArrayList<>();
    for (RecordChangeEvent<SourceRecord> event : records) {
      Object value = event.record().value();
      if (!(value instanceof Struct envelope) || envelope.schema().field("op") == null) {
        continue; // not a row change
      }
      if (!"c".equals(envelope.getString("op"))) {
        continue;
      }
      Struct after = envelope.getStruct("after");
      rows.add(
          new OutboxRow(
              after.getInt64("id"),
              UUID.fromString(after.getString("event_id")),
              after.getString("account_id"),
              after.getString("payload").getBytes(StandardCharsets.UTF_8)));
    }
    return rows;
  }

  /**
   * The quick way to mark a batch, while Kafka's acknowledgements come back: the rows are marked in
   * an open transaction that commits only once Kafka acknowledged every one of them, so nobody sees
   * a row marked before Kafka has it. The mark's work overlaps the wait for Kafka.
   *
   * @return the publication, all acknowledged and marked; null when a row was not acknowledged or
   *     PostgreSQL refused (nothing is marked then: the caller waits for Kafka and settles)
   */
  private Publication markWhileAcked(Publisher.InFlight sent) throws InterruptedException {
    List<Long> ids = sent.rows().stream().map(OutboxRow::id).toList();
    try {
      return transactions.run(
          () -> {
            markAll(ids);
            Publication publication = publisher.answers(sent);
            if (!publication.failures().isEmpty()) {
              throw new NotAllAcknowledged(); // rolls the marks back
            }
            return publication;
          });
    } catch (NotAllAcknowledged | DataAccessException | TransactionException e) {
      return null;
    }
  }

  /** Rolls the marks back when Kafka did not take every row. */
  private static final class NotAllAcknowledged extends RuntimeException {
    NotAllAcknowledged() {
      super("not every row was acknowledged", null, false, false);
    }
  }

  /**
   * Marks the rows in the open transaction, once PostgreSQL shows them all ({@link
   * PublishedMarks}).
   */
  private void markAll(List<Long> ids) throws InterruptedException {
    int absent = PublishedMarks.markEvery(jdbc, ids, name, VISIBILITY_WAIT, this::checkRunning);
    if (absent > 0) {
      log.warn("{}: {} of rows {} are not in the outbox; marked the others", name, absent, ids);
    }
  }

  /**
   * Marks published rows and counts failures (parking poison), retrying until PostgreSQL takes it.
   */
  private Set<Long> settle(Publication publication) throws InterruptedException {
    while (true) {
      checkRunning();
      try {
        List<Long> parked =
            transactions.run(
                () -> {
                  markAll(publication.publishedIds());
                  return Outbox.recordFailures(
                      jdbc, publication.failures(), publication.poison(), settings.maxAttempts());
                });
        if (!parked.isEmpty()) {
          log.warn("{}: parked poison rows {}", name, parked);
        }
        return new HashSet<>(parked);
      } catch (DataAccessException | TransactionException e) {
        log.debug("{}: cannot mark the batch yet: {}", name, e.toString());
        backoff.pause();
      }
    }
  }

  private static List<OutboxRow> retryable(
      List<OutboxRow> pending, Publication publication, Set<Long> parked) {
    return pending.stream()
        .filter(row -> publication.failures().containsKey(row.id()))
        .filter(row -> !parked.contains(row.id()))
        .toList();
  }

  private void retainIfDue() {
    if (System.nanoTime() < nextRetentionNanos) {
      return;
    }
    nextRetentionNanos = System.nanoTime() + settings.retentionEvery().toNanos();
    try {
      transactions.run(() -> OutboxRetention.deletePublishedOlderThan(jdbc, settings.retention()));
    } catch (DataAccessException | TransactionException e) {
      log.debug("{}: retention failed, will try again: {}", name, e.toString());
    }
  }

  private void checkRunning() throws InterruptedException {
    if (!running || Thread.currentThread().isInterrupted()) {
      throw new InterruptedException(name + " is stopping");
    }
  }

  /**
   * Dies as a killed process would: the offset store is fenced first, so the engine's own shutdown
   * cannot store a position; the producer and the pool are dropped; the engine is closed in the
   * background only to free its replication connection.
   */
  @Override
  public void kill() {
    running = false;
    polling.never();
    PostgresOffsetStore.fence(fenceId);
    publisher.kill();
    database.close();
    backoff.wakeUp();
    Thread closer = new Thread(this::closeEngine, name + "-killer");
    closer.setDaemon(true);
    closer.start();
  }

  @Override
  public void stop() {
    running = false;
    polling.never();
    backoff.wakeUp();
    closeEngine();
    try {
      supervisor.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    database.close();
  }

  /** Closes the current engine, waiting while it is in a state that refuses to close. */
  private void closeEngine() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
      if (current == null) {
        return;
      }
      try {
        current.close();
        return;
      } catch (IllegalStateException e) {
        if (String.valueOf(e.getMessage()).contains("tasks are starting")) {
          backoff.sleepQuietly(50);
          continue;
        }
        return; // already stopping or stopped
      } catch (IOException | RuntimeException e) {
        log.debug("{}: engine close failed: {}", name, e.toString());
        return;
      }
    }
  }
}
