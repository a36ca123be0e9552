package dualwrite.bank.fraud;

import dualwrite.bank.crash.CommitHooks;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.fraud.FraudConsumer.Parsed;
import dualwrite.bank.spi.LearnerClasses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox of {@link ConsumerMode#WORKSHOP}: each batch goes to the learner's {@link
 * BatchHandler}, with a database whose commits pass the fraud service's crash points, and the
 * learner's code commits the offsets. The lab commits past the dead letters at a batch's end.
 */
final class WorkshopInbox {

  /** The class the consumer mode {@link ConsumerMode#WORKSHOP} runs. */
  static final String LEARNER_CLASS = "dualwrite.workshop.FraudInbox";

  private static final Logger log = LoggerFactory.getLogger(WorkshopInbox.class);

  /**
   * The learner's inbox, from the workshop module on the classpath, in a class loader of this
   * life's own: a crash loses its static fields too, as a killed process would.
   */
  private final BatchHandler handler = LearnerClasses.fresh(LEARNER_CLASS, BatchHandler.class);

  private final DataSource database;
  private final KafkaConsumer<String, byte[]> consumer;
  private final BooleanSupplier killed;

  /** How far the group's commits have got in each partition. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  WorkshopInbox(
      DataSource database,
      KafkaConsumer<String, byte[]> consumer,
      Tripwire tripwire,
      BooleanSupplier killed) {
    this.database =
        CommitHooks.around(
            database,
            () -> tripwire.pass(FraudDetectionService.BEFORE_DB_COMMIT),
            () -> tripwire.pass(FraudDetectionService.AFTER_DB_COMMIT));
    this.consumer = consumer;
    this.killed = killed;
  }

  /** The group's positions when the service started: its commits so far. */
  void startsAt(Map<TopicPartition, OffsetAndMetadata> positions) {
    positions.forEach((partition, offset) -> committed.put(partition, offset.offset()));
  }

  /**
   * Hands the batch's parsed events to the learner's code.
   *
   * @throws Exception whatever the learner's code threw
   */
  void handle(ConsumerRecords<String, byte[]> records, List<Parsed> parsed) throws Exception {
    List<BatchHandler.Delivery> batch = new ArrayList<>();
    for (Parsed one : parsed) {
      batch.add(
          new BatchHandler.Delivery(
              one.event(),
              new TopicPartition(one.record().topic(), one.record().partition()),
              one.record().offset()));
    }
    if (!batch.isEmpty()) {
      handler.handle(batch, database, this::learnerCommits);
    }
    commitPastTrailingDeadLetters(records, parsed);
  }

  /**
   * The learner's offset commit: refused once the instance is killed, as a dead process commits
   * nothing, even when the learner's code catches the wake-up and tries again.
   */
  private void learnerCommits(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (killed.getAsBoolean()) {
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
    if (past.isEmpty() || killed.getAsBoolean()) {
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
}
