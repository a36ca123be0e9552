package dualwrite.bank.fraud;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.EventJson;
import dualwrite.bank.MalformedEvent;
import dualwrite.bank.Topics;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.LearnerCode;
import dualwrite.bank.spi.ServiceLoop;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of the fraud-detection service: a thread that polls, checks, commits, repeats. The
 * checks go through the {@link Inbox}, records it cannot check to the {@link DeadLetters}; in the
 * workshop's mode a learner's {@link BatchHandler} takes the inbox's place.
 */
public final class FraudConsumer extends ServiceLoop {

  private static final Logger log = LoggerFactory.getLogger(FraudConsumer.class);
  private static final Duration BACKOFF = Duration.ofMillis(200);

  private final HikariDataSource database;
  private final KafkaConsumer<String, byte[]> consumer;
  private final DeadLetters deadLetters;
  private final Inbox inbox;
  private final Topics topics;
  private final ConsumerMode mode;
  private final Tripwire tripwire;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final WorkshopInbox workshop;

  private FraudConsumer(
      HikariDataSource database,
      Map<String, Object> consumerSettings,
      Map<String, Object> producerSettings,
      Topics topics,
      ConsumerMode mode,
      FraudRule rule,
      Tripwire tripwire) {
    super("fraud-consumer");
    this.database = database;
    this.consumer = new KafkaConsumer<>(consumerSettings);
    this.deadLetters = new DeadLetters(producerSettings, topics.deadLetters());
    this.inbox = new Inbox(database, mode, rule, tripwire);
    this.topics = topics;
    this.mode = mode;
    this.tripwire = tripwire;
    this.workshop =
        mode == ConsumerMode.WORKSHOP
            ? new WorkshopInbox(database, consumer, tripwire, this::killed)
            : null;
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
    instance.launch();
    return instance;
  }

  @Override
  protected void serve() {
    try {
      openFirstConnection();
      assignAllPartitions();
      commitStartingPositions();
      while (isRunning()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          handle(records);
        }
        commitOffsets();
      }
    } catch (WakeupException e) {
      if (!killed()) {
        commitOffsets(); // stopped: what it checked is committed, as at the end of a round
      }
      // killed: leave without committing anything more
    }
  }

  @Override
  protected void shutDown() {
    if (killed() && mode.autoCommits()) {
      forgetAssignment();
    }
    consumer.close(Duration.ZERO);
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
   * Opens the pool's first connection before the service says it is ready. Otherwise the first
   * batch opens it (a TCP connection through the proxy and PostgreSQL's password exchange: 50 to 60
   * ms here), and every event behind that batch waits as well: a run without faults measured that
   * as delivery lag. A database it cannot reach now is not waited for beyond the pool's connection
   * timeout: the first batch tries again, as it would have anyway.
   */
  private void openFirstConnection() {
    try (Connection first = database.getConnection()) {
      log.debug("the first database connection is open");
    } catch (SQLException e) {
      log.debug("no database connection yet, the first batch will try: {}", e.toString());
    }
  }

  /**
   * The service reads every partition itself (no group rebalance), so a restart after a crash
   * resumes at once from the committed offsets instead of waiting out a session timeout.
   */
  private void assignAllPartitions() {
    while (isRunning()) {
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
      backOff();
    }
  }

  /**
   * Ready once it knows where it reads from in every partition (its committed offsets, or the
   * beginning of a partition it never read) and has committed those very positions: they change
   * nothing, but the broker then shows the group on every partition before the first event, and
   * whoever waits knows the first poll will not spend its time finding them.
   */
  private void commitStartingPositions() {
    while (isRunning()) {
      try {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
          positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        consumer.commitSync(positions);
        if (workshop != null) {
          workshop.startsAt(positions);
        }
        ready();
        return;
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        log.debug("cannot find the starting positions yet: {}", e.toString());
      }
      backOff();
    }
  }

  private void handle(ConsumerRecords<String, byte[]> records) {
    List<Parsed> parsed = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        parsed.add(new Parsed(record, EventJson.read(record.value())));
      } catch (MalformedEvent e) {
        letters.add(deadLetters.letter(record, e.getMessage()));
      }
    }
    if (workshop != null) {
      handOver(records, parsed, letters);
      return;
    }
    try {
      deadLetters.send(letters);
      check(parsed);
    } catch (Inbox.Failed | KafkaException | ExecutionException | TimeoutException e) {
      if (mode.autoCommits()) {
        // The foil: nothing holds the offsets back, and the next poll commits past this batch.
        log.debug("batch failed, and auto-commit moves on past it: {}", e.toString());
        backOff();
        return;
      }
      // Nothing of this batch is committed: read it again from its first offsets, later.
      log.debug("batch failed, will read it again: {}", e.toString());
      rewind(records);
      backOff();
      return;
    } catch (InterruptedException e) {
      interrupted();
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

  /** Checks the batch in one transaction; when some event cannot be checked, one by one. */
  private void check(List<Parsed> parsed)
      throws Inbox.Failed, ExecutionException, InterruptedException, TimeoutException {
    try {
      inbox.record(parsed.stream().map(Parsed::event).toList());
    } catch (Inbox.Failed e) {
      if (!e.refusedByItsData()) {
        throw e;
      }
      // Some event in the batch cannot be checked at all: find it, park it, check the others.
      recordOneByOne(parsed);
    } catch (Inbox.RuleFailed e) {
      recordOneByOne(parsed);
    }
  }

  /**
   * The workshop's inbox: the learner's handler checks the batch and commits its offsets. When it
   * throws, the batch is read again from its first offsets after a pause, as for the lab's own.
   */
  private void handOver(
      ConsumerRecords<String, byte[]> records,
      List<Parsed> parsed,
      List<ProducerRecord<String, byte[]>> letters) {
    try {
      deadLetters.send(letters);
      workshop.handle(records, parsed);
    } catch (InterruptedException e) {
      interrupted();
    } catch (Exception e) {
      if (!isRunning()) {
        return; // killed or stopped while the handler ran: what it saw failing was the kill
      }
      LearnerCode.threw("fraud", e);
      log.debug("the workshop's inbox threw; reading the batch again: {}", e.toString());
      rewind(records);
      backOff();
    }
  }

  /** A record that parsed, with the event it holds. */
  record Parsed(ConsumerRecord<String, byte[]> record, TransactionRecorded event) {}

  /**
   * Each event in its own transaction; an event that cannot be checked goes to the dead-letter
   * topic with the reason, so that one bad event does not stop every partition behind it. A failure
   * that passes is retried on the same event, not on the batch, so that events already checked here
   * are not checked again and the parked one is not parked twice.
   */
  private void recordOneByOne(List<Parsed> parsed)
      throws Inbox.Failed, ExecutionException, InterruptedException, TimeoutException {
    for (Parsed one : parsed) {
      while (true) {
        try {
          inbox.record(List.of(one.event()));
          break;
        } catch (Inbox.RuleFailed e) {
          deadLetters.park(one.record(), one.event().eventId(), e);
          break;
        } catch (Inbox.Failed e) {
          if (e.refusedByItsData()) {
            deadLetters.park(one.record(), one.event().eventId(), e);
            break;
          }
          if (!isRunning()) {
            throw e;
          }
          log.debug("event {} failed, trying it again: {}", one.event().eventId(), e.toString());
          backOff();
        }
      }
    }
  }

  private void commitOffsets() {
    if (uncommitted.isEmpty() || killed()) {
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

  private void backOff() {
    try {
      pause(BACKOFF);
    } catch (InterruptedException e) {
      interrupted();
    }
  }

  /** Interrupted: stops, as the thread's owner asked, and keeps the flag for whoever looks. */
  private void interrupted() {
    Thread.currentThread().interrupt();
    stopAsync();
  }

  @Override
  protected void dropAtOnce() {
    consumer.wakeup();
    deadLetters.kill();
    database.close();
  }

  /**
   * A stop ends the wait for records at once, rather than when the poll's 100 ms pass. Only where
   * the service commits its offsets itself: closing an auto-committing consumer commits, and a
   * workshop's handler commits its own, either of which a wakeup would cut short.
   */
  @Override
  protected void unblock() {
    if (!mode.autoCommits() && workshop == null) {
      consumer.wakeup();
    }
  }

  @Override
  protected void closeAfterStop() {
    deadLetters.close();
    database.close();
  }
}
