package dualwrite.bank.fraud;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.EventJson;
import dualwrite.bank.MalformedEvent;
import dualwrite.bank.Topics;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.crash.CommitHooks;
import dualwrite.bank.crash.Crash;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.InTransaction;
import dualwrite.bank.spi.Instance;
import dualwrite.bank.spi.LearnerClasses;
import dualwrite.bank.spi.LearnerCode;
import dualwrite.bank.spi.Readiness;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One life of the fraud-detection service: a thread that polls, checks, commits, repeats. */
public final class FraudConsumer implements Instance {

  private static final Logger log = LoggerFactory.getLogger(FraudConsumer.class);
  private static final Duration BACKOFF = Duration.ofMillis(200);

  private static final String REMEMBER =
      """
      INSERT INTO fraud.processed_events (event_id) SELECT unnest(?::uuid[])
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private static final String CHECK =
      """
      INSERT INTO fraud.fraud_checks
             (event_id, transaction_id, account_id, sequence, amount_minor, flagged, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;

  /** The class the consumer mode {@link ConsumerMode#WORKSHOP} runs. */
  static final String WORKSHOP_INBOX = "dualwrite.workshop.FraudInbox";

  private final HikariDataSource database;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> deadLetterProducer;
  private final Topics topics;
  private final ConsumerMode mode;
  private final FraudRule rule;
  private final Tripwire tripwire;
  private final Thread thread;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final BatchHandler handler;

  /** The workshop's inbox: how far the group's commits have got in each partition. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  private final DataSource hookedDatabase;
  private final Readiness readiness = new Readiness();
  private volatile boolean running = true;
  private volatile boolean killed;

  private FraudConsumer(
      HikariDataSource database,
      Map<String, Object> consumerSettings,
      Map<String, Object> producerSettings,
      Topics topics,
      ConsumerMode mode,
      FraudRule rule,
      Tripwire tripwire) {
    this.database = database;
    this.consumer = new KafkaConsumer<>(consumerSettings);
    this.deadLetterProducer = new KafkaProducer<>(producerSettings);
    this.topics = topics;
    this.mode = mode;
    this.rule = rule;
    this.tripwire = tripwire;
    this.thread = new Thread(this::run, "fraud-consumer");
    this.thread.setDaemon(true);
    this.handler = mode == ConsumerMode.WORKSHOP ? workshopHandler() : null;
    this.hookedDatabase =
        handler == null
            ? null
            : CommitHooks.around(
                database,
                () -> tripwire.pass(FraudDetectionService.BEFORE_DB_COMMIT),
                () -> tripwire.pass(FraudDetectionService.AFTER_DB_COMMIT));
  }

  /**
   * The learner's inbox, from the workshop module on the classpath, in a class loader of this
   * life's own: a crash loses its static fields too, as a killed process would.
   */
  private static BatchHandler workshopHandler() {
    return LearnerClasses.fresh(WORKSHOP_INBOX, BatchHandler.class);
  }

  static FraudConsumer start(
      HikariDataSource database,
      Map<String, Object> consumerSettings,
      Map<String, Object> producerSettings,
      Topics topics,
      ConsumerMode mode,
      FraudRule rule,
      Tripwire tripwire) {
    FraudConsumer instance =
        new FraudConsumer(
            database, consumerSettings, producerSettings, topics, mode, rule, tripwire);
    instance.thread.start();
    return instance;
  }

  private void run() {
    try {
      assignAllPartitions();
      commitStartingPositions();
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          handle(records);
        }
        commitOffsets();
      }
    } catch (WakeupException | Crash e) {
      // killed or stopped: leave without committing anything more
    } catch (RuntimeException e) {
      if (!killed) {
        log.error("fraud consumer stopped by an unexpected error", e);
      }
    } finally {
      readiness.never();
      if (killed && mode.autoCommits()) {
        forgetAssignment();
      }
      consumer.close(Duration.ZERO);
    }
  }

  /**
   * Closing a consumer with {@code enable.auto.commit} commits what it has consumed so far. A
   * process that dies commits nothing on its way out, so a killed instance drops its partitions
   * first, and close() then has nothing to commit.
   */
  private void forgetAssignment() {
    try {
      consumer.unsubscribe();
    } catch (RuntimeException e) {
      log.debug("could not drop the assignment of a killed consumer: {}", e.toString());
    }
  }

  /**
   * The service reads every partition itself (no group rebalance), so a restart after a crash
   * resumes at once from the committed offsets instead of waiting out a session timeout.
   */
  private void assignAllPartitions() {
    while (running) {
      try {
        List<PartitionInfo> partitions = consumer.partitionsFor(topics.events());
        if (partitions != null && !partitions.isEmpty()) {
          consumer.assign(
              partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
          return;
        }
      } catch (KafkaException e) {
        if (e instanceof WakeupException wakeup) {
          throw wakeup;
        }
        log.debug("cannot read the partitions of {} yet: {}", topics.events(), e.toString());
      }
      pause();
    }
  }

  /**
   * Ready once it knows where it reads from in every partition (its committed offsets, or the
   * beginning of a partition it never read) and has committed those very positions: they change
   * nothing, but the broker then shows the group on every partition before the first event, and
   * whoever waits knows the first poll will not spend its time finding them.
   */
  private void commitStartingPositions() {
    while (running) {
      try {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
          positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        consumer.commitSync(positions);
        positions.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        readiness.ready();
        return;
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        log.debug("cannot find the starting positions yet: {}", e.toString());
      }
      pause();
    }
  }

  private void handle(ConsumerRecords<String, byte[]> records) {
    List<Parsed> parsed = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        parsed.add(new Parsed(record, EventJson.read(record.value())));
      } catch (MalformedEvent e) {
        deadLetters.add(deadLetter(record, e.getMessage()));
      }
    }
    if (handler != null) {
      handOver(records, parsed, deadLetters);
      return;
    }
    try {
      sendDeadLetters(deadLetters);
      try {
        recordChecks(parsed.stream().map(Parsed::event).toList());
      } catch (SQLException e) {
        if (!refusedByItsData(e)) {
          throw e;
        }
        // Some event in the batch cannot be checked at all: find it, park it, check the others.
        recordOneByOne(parsed);
      } catch (RuleFailed e) {
        recordOneByOne(parsed);
      }
    } catch (SQLException | KafkaException | ExecutionException | TimeoutException e) {
      if (mode.autoCommits()) {
        // The foil: nothing holds the offsets back, and the next poll commits past this batch.
        log.debug("batch failed, and auto-commit moves on past it: {}", e.toString());
        pause();
        return;
      }
      // Nothing of this batch is committed: read it again from its first offsets, later.
      log.debug("batch failed, will read it again: {}", e.toString());
      rewind(records);
      pause();
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return;
    }
    tripwire.pass(FraudDetectionService.AFTER_DB_COMMIT);
    if (mode.autoCommits()) {
      return; // Kafka commits these offsets on its own, on the next poll
    }
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
      long next = inPartition.get(inPartition.size() - 1).offset() + 1;
      uncommitted.put(partition, new OffsetAndMetadata(next));
    }
  }

  /**
   * The workshop's inbox: the learner's handler checks the batch and commits its offsets. When it
   * throws, the batch is read again from its first offsets after a pause, as for the lab's own.
   */
  private void handOver(
      ConsumerRecords<String, byte[]> records,
      List<Parsed> parsed,
      List<ProducerRecord<String, byte[]>> deadLetters) {
    List<BatchHandler.Delivery> batch = new ArrayList<>();
    for (Parsed one : parsed) {
      batch.add(
          new BatchHandler.Delivery(
              one.event(),
              new TopicPartition(one.record().topic(), one.record().partition()),
              one.record().offset()));
    }
    try {
      sendDeadLetters(deadLetters);
      if (!batch.isEmpty()) {
        handler.handle(batch, hookedDatabase, this::learnerCommits);
      }
      commitPastTrailingDeadLetters(records, parsed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } catch (Exception e) {
      if (!running) {
        return; // killed or stopped while the handler ran: what it saw failing was the kill
      }
      LearnerCode.threw("fraud", e);
      log.debug("the workshop's inbox threw; reading the batch again: {}", e.toString());
      rewind(records);
      pause();
    }
  }

  /**
   * The learner's offset commit: refused once the instance is killed, as a dead process commits
   * nothing, even when the learner's code catches the wake-up and tries again.
   */
  private void learnerCommits(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (killed) {
      throw new WakeupException();
    }
    consumer.commitSync(offsets);
    offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
  }

  /**
   * A partition whose last records went to the dead letters: the learner's code never saw them, so
   * its commit stops before them; the lab commits past them, at once, once the learner's code has
   * handled the rest of the batch (never later, where it could move the offset back).
   */
  private void commitPastTrailingDeadLetters(
      ConsumerRecords<String, byte[]> records, List<Parsed> parsed) {
    Set<ConsumerRecord<String, byte[]>> handled =
        Collections.newSetFromMap(new IdentityHashMap<>());
    parsed.forEach(one -> handled.add(one.record()));
    Map<TopicPartition, OffsetAndMetadata> past = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
      int first = inPartition.size();
      while (first > 0 && !handled.contains(inPartition.get(first - 1))) {
        first--;
      }
      if (first == inPartition.size()) {
        continue; // the learner's code saw the last record: its commit is its own
      }
      // only where the learner's commits reached the dead letters: a learner who never commits
      // must not be covered by the lab's commit past them
      if (committed.getOrDefault(partition, -1L) >= inPartition.get(first).offset()) {
        long next = inPartition.get(inPartition.size() - 1).offset() + 1;
        past.put(partition, new OffsetAndMetadata(next));
      }
    }
    if (past.isEmpty() || killed) {
      return;
    }
    try {
      consumer.commitSync(past);
      past.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.debug("could not commit past the dead letters; the next batch will: {}", e.toString());
    }
  }

  /** A record that parsed, with the event it holds. */
  private record Parsed(ConsumerRecord<String, byte[]> record, TransactionRecorded event) {}

  /** The fraud rule failed on an event: retrying the same event can never succeed. */
  private static final class RuleFailed extends RuntimeException {
    RuleFailed(TransactionRecorded event, RuntimeException cause) {
      super("the fraud rule failed on event " + event.eventId() + ": " + cause, cause);
    }
  }

  /**
   * Whether the database refused the data itself (SQLSTATE class 22, data exception, or 23,
   * integrity constraint violation), so that retrying the same event can never succeed. A lost
   * connection or a server going away is worth a retry.
   */
  private static boolean refusedByItsData(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * Each event in its own transaction; an event that cannot be checked goes to the dead-letter
   * topic with the reason, so that one bad event does not stop every partition behind it. A failure
   * that passes is retried on the same event, not on the batch, so that events already checked here
   * are not checked again and the parked one is not parked twice.
   */
  private void recordOneByOne(List<Parsed> parsed)
      throws SQLException, ExecutionException, InterruptedException, TimeoutException {
    for (Parsed one : parsed) {
      while (true) {
        try {
          recordChecks(List.of(one.event()));
          break;
        } catch (RuleFailed e) {
          park(one, e);
          break;
        } catch (SQLException e) {
          if (refusedByItsData(e)) {
            park(one, e);
            break;
          }
          if (!running) {
            throw e;
          }
          log.debug("event {} failed, trying it again: {}", one.event().eventId(), e.toString());
          pause();
        }
      }
    }
  }

  private void park(Parsed one, Exception why)
      throws ExecutionException, InterruptedException, TimeoutException {
    log.warn("cannot check event {}: {}", one.event().eventId(), why.toString());
    sendDeadLetters(List.of(deadLetter(one.record(), "cannot be checked: " + why.getMessage())));
  }

  /**
   * In ONE database transaction: remember the event ids, and check the new ones. The foil {@link
   * ConsumerMode#INBOX_OUTSIDE_TRANSACTION} commits the event ids first, in a transaction of their
   * own, so that {@link FraudDetectionService#BEFORE_DB_COMMIT} falls between the two commits.
   */
  private void recordChecks(List<TransactionRecorded> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (Connection connection = database.getConnection()) {
      try {
        // region inbox
        Set<UUID> toCheck = mode.remembers() ? remember(connection, events) : allIds(events);
        if (mode.inboxCommitsFirst()) {
          connection.commit(); // the foil: the event ids are kept, whatever becomes of the checks
        }
        try (PreparedStatement check = connection.prepareStatement(CHECK)) {
          Set<UUID> checked = new HashSet<>();
          for (TransactionRecorded event : events) {
            if (!toCheck.contains(event.eventId())) {
              continue; // seen before: this delivery is a duplicate
            }
            if (mode.remembers() && !checked.add(event.eventId())) {
              continue; // twice in this very batch
            }
            FraudRule.Assessment assessment;
            try {
              assessment = rule.assess(event);
            } catch (RuntimeException e) {
              throw new RuleFailed(event, e);
            }
            check.setObject(1, event.eventId());
            check.setObject(2, event.transactionId());
            check.setString(3, event.accountId());
            check.setLong(4, event.sequence());
            check.setLong(5, event.amountMinor());
            check.setBoolean(6, assessment.flagged());
            check.setString(7, assessment.reason());
            check.addBatch();
          }
          check.executeBatch();
        }
        tripwire.pass(FraudDetectionService.BEFORE_DB_COMMIT);
        connection.commit();
        // endregion inbox
      } catch (SQLException | RuntimeException e) {
        InTransaction.rollbackQuietly(connection);
        throw e;
      }
    }
  }

  private static Set<UUID> remember(Connection connection, List<TransactionRecorded> events)
      throws SQLException {
    Set<UUID> fresh = new HashSet<>();
    try (PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
      Array ids =
          connection.createArrayOf(
              "uuid", events.stream().map(TransactionRecorded::eventId).toArray());
      remember.setArray(1, ids);
      try (ResultSet rows = remember.executeQuery()) {
        while (rows.next()) {
          fresh.add(rows.getObject(1, UUID.class));
        }
      }
    }
    return fresh;
  }

  private static Set<UUID> allIds(List<TransactionRecorded> events) {
    Set<UUID> ids = new HashSet<>();
    events.forEach(event -> ids.add(event.eventId()));
    return ids;
  }

  private ProducerRecord<String, byte[]> deadLetter(
      ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(topics.deadLetters(), null, record.key(), record.value());
    record.headers().forEach(letter.headers()::add);
    letter.headers().add("dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
    letter.headers().add("dlt-source", source(record).getBytes(StandardCharsets.UTF_8));
    return letter;
  }

  private static String source(ConsumerRecord<?, ?> record) {
    return record.topic() + "/" + record.partition() + "@" + record.offset();
  }

  private void sendDeadLetters(List<ProducerRecord<String, byte[]>> letters)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (ProducerRecord<String, byte[]> letter : letters) {
      sent.add(deadLetterProducer.send(letter));
    }
    for (java.util.concurrent.Future<?> ack : sent) {
      ack.get(10, TimeUnit.SECONDS);
    }
    if (!letters.isEmpty()) {
      log.info("parked {} records on {}", letters.size(), topics.deadLetters());
    }
  }

  private void commitOffsets() {
    if (uncommitted.isEmpty() || killed) {
      return;
    }
    try {
      consumer.commitSync(uncommitted);
      uncommitted.clear();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // The checks are safe in the database; the offsets go with the next attempt.
      log.debug("offset commit failed, will retry: {}", e.toString());
    }
  }

  private void rewind(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
  }

  private void pause() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public boolean alive() {
    return thread.getState() != Thread.State.TERMINATED; // started at once, so never NEW here
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return readiness.await(timeout);
  }

  @Override
  public void kill() {
    killed = true;
    running = false;
    readiness.never();
    consumer.wakeup();
    deadLetterProducer.close(Duration.ZERO);
    database.close();
    if (Thread.currentThread() != thread) {
      join();
    }
  }

  @Override
  public void stop() {
    running = false;
    readiness.never();
    join();
    deadLetterProducer.close(Duration.ofSeconds(5));
    database.close();
  }

  private void join() {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
