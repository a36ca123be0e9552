package dualwrite.eventsourced;

import dualwrite.bank.EventRecords;
import dualwrite.bank.OrderedPublisher;
import dualwrite.bank.OrderedPublisher.Answer;
import java.util.List;
import java.util.Map;

/**
 * Publishes ledger entries as {@code TransactionRecorded} events through an {@link
 * OrderedPublisher} ({@code acks=all}, idempotent producer, nothing let through after a failure).
 * One failed record makes the whole publisher unusable: the relay starts a fresh one and publishes
 * the batch again.
 */
final class Publisher {

  /** Kafka did not acknowledge every entry handed to it. */
  static final class Failed extends Exception {
    Failed(Throwable cause) {
      super("Kafka did not acknowledge the batch: " + cause, cause);
    }
  }

  private final OrderedPublisher<LedgerEntry> ordered;

  Publisher(Map<String, Object> settings, String topic) {
    this.ordered =
        new OrderedPublisher<>(settings, entry -> EventRecords.toRecord(topic, entry.toEvent()));
  }

  /**
   * Sends the entries in the order given and returns once Kafka acknowledged all of them.
   *
   * @throws Failed when any one was not acknowledged; some others may have been
   */
  void publish(List<LedgerEntry> entries) throws Failed, InterruptedException {
    for (Answer<LedgerEntry> answer : ordered.publish(entries)) {
      if (!answer.acknowledged()) {
        throw new Failed(answer.failure());
      }
    }
  }

  /** Drops whatever is buffered, as a killed process would. Never throws. */
  void kill() {
    ordered.kill();
  }

  /** Sends what is buffered, for a few seconds at most. */
  void close() {
    ordered.close();
  }
}
