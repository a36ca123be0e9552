package dualwrite.eventsourced;

import dualwrite.bank.EventRecords;
import dualwrite.bank.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Publishes ledger entries as {@code TransactionRecorded} events and waits for Kafka's
 * acknowledgements ({@code acks=all}, idempotent producer). One failed record makes the whole
 * publisher unusable: the relay starts a fresh one and publishes the batch again.
 */
final class Publisher {

  /** The longest wait for an acknowledgement: the producer gives up before that. */
  private static final long ACK_TIMEOUT_MS = KafkaSettings.DELIVERY_TIMEOUT_MS + 2000;

  /** Kafka did not acknowledge every entry handed to it. */
  static final class Failed extends Exception {
    Failed(Throwable cause) {
      super("Kafka did not acknowledge the batch: " + cause, cause);
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  Publisher(Map<String, Object> settings, String topic) {
    this.producer = new KafkaProducer<>(settings);
    this.topic = topic;
  }

  /**
   * Sends the entries in the order given and returns once Kafka acknowledged all of them.
   *
   * @throws Failed when any one was not acknowledged; some others may have been
   */
  void publish(List<LedgerEntry> entries) throws Failed, InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
    try {
      for (LedgerEntry entry : entries) {
        acks.add(
            producer.send(EventRecords.toRecord(topic, entry.toEvent()), this::closeOnFailure));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException | KafkaException | IllegalStateException e) {
      throw new Failed(e);
    }
  }

  /**
   * The idempotent producer may retry a later record under a new epoch after an earlier one of the
   * same partition expired, which would put the account's version n + 1 on the topic before n.
   * Closing at the first failure, on the producer's own thread, stops everything queued behind it.
   */
  private void closeOnFailure(RecordMetadata metadata, Exception error) {
    if (error != null) {
      producer.close(Duration.ZERO);
    }
  }

  /**
   * Drops whatever is buffered, as a killed process would. Never throws: a kill comes from a thread
   * that may be interrupted already, and the producer's close then stops waiting for its I/O thread
   * (which is told to stop all the same) with an {@link InterruptException} that keeps the flag
   * set.
   */
  void kill() {
    try {
      producer.close(Duration.ZERO);
    } catch (InterruptException e) {
      // the interrupt flag is set again; the caller is leaving anyway
    }
  }

  /** Sends what is buffered, for a few seconds at most. */
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
