package dualwrite.outbox;

import dualwrite.bank.EventRecords;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.OrderedPublisher;
import dualwrite.bank.OrderedPublisher.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes outbox rows through an {@link OrderedPublisher} (idempotent producer, {@code acks=all},
 * nothing let through after a failure) and waits for every acknowledgement, so that a row is marked
 * published only once Kafka has it. What became of each row is a {@link Publication}.
 */
final class Publisher implements AutoCloseable {

  private final OrderedPublisher<OutboxRow> ordered;
  private final boolean awaitAcks;

  Publisher(Map<String, Object> link, String clientId, String topic) {
    this(KafkaSettings.reliableProducer(link, clientId), topic, true);
  }

  // region mark-before-ack
  /**
   * The foil {@code outbox/mark-before-ack}: a row counts as published as soon as {@code send()}
   * returns, which only means the record is in the producer's buffer. If Kafka never takes it (the
   * broker is away longer than the delivery timeout, or the relay dies with a full buffer), the
   * callback that says so goes unheard, and the row is already marked.
   */
  static Publisher markBeforeAck(Map<String, Object> link, String clientId, String topic) {
    return new Publisher(KafkaSettings.reliableProducer(link, clientId), topic, false);
  }

  // endregion mark-before-ack

  // region unsafe-producer
  /**
   * The foil {@code outbox/unsafe-producer}: the leader alone acknowledges a record ({@code
   * acks=1}), before any follower has a copy, and retries may write a record twice (idempotence
   * off). On one broker nothing changes. On a cluster, a leader that dies or is cut off right after
   * its answer takes the record with it, and the relay has already marked the row published.
   */
  static Publisher unsafe(Map<String, Object> link, String clientId, String topic) {
    Map<String, Object> settings = KafkaSettings.reliableProducer(link, clientId);
    settings.put(ProducerConfig.ACKS_CONFIG, "1");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    return new Publisher(settings, topic, true);
  }

  // endregion unsafe-producer

  private Publisher(Map<String, Object> settings, String topic, boolean awaitAcks) {
    this.awaitAcks = awaitAcks;
    // Large producer batches: fewer requests while draining a backlog. Order does not rest on
    // them; it rests on stopping at the first failure (see OrderedPublisher).
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    this.ordered =
        new OrderedPublisher<>(
            settings,
            row -> EventRecords.toRecord(topic, row.accountId(), row.eventId(), row.payload()));
  }

  /**
   * Sends the rows in order and waits for Kafka's answers. The first half is acknowledged before
   * the second half is sent, with {@code midBatch} run in between, so that a crash there leaves a
   * batch truly half published.
   */
  Publication publish(List<OutboxRow> rows, Runnable midBatch) throws InterruptedException {
    ordered.renewIfBroken();
    Publication publication = new Publication();
    if (!awaitAcks) {
      handedOver(rows.subList(0, rows.size() / 2), publication);
      midBatch.run();
      handedOver(rows.subList(rows.size() / 2, rows.size()), publication);
      return publication;
    }
    int half = rows.size() / 2;
    if (half == 0) {
      record(ordered.publish(rows), publication);
      return publication;
    }
    record(ordered.publish(rows.subList(0, half)), publication);
    midBatch.run();
    record(ordered.publish(rows.subList(half, rows.size())), publication);
    return publication;
  }

  /** Rows sent in one go whose acknowledgements are still coming back ({@link #send}). */
  record InFlight(List<OutboxRow> rows, List<Future<RecordMetadata>> sends) {}

  /**
   * Sends the rows in order, all at once, without waiting: {@link #answers} waits for Kafka. For a
   * relay with no crash point inside its batch, so one round trip to Kafka serves the whole batch.
   */
  InFlight send(List<OutboxRow> rows) {
    ordered.renewIfBroken();
    return new InFlight(rows, ordered.send(rows));
  }

  /** Waits for Kafka's answers to the rows {@link #send} sent. */
  Publication answers(InFlight inFlight) throws InterruptedException {
    Publication publication = new Publication();
    if (!awaitAcks) {
      handedOver(inFlight.rows(), inFlight.sends(), publication);
      return publication;
    }
    record(ordered.answers(inFlight.rows(), inFlight.sends()), publication);
    return publication;
  }

  private static void record(List<Answer<OutboxRow>> answers, Publication publication) {
    for (Answer<OutboxRow> answer : answers) {
      if (answer.acknowledged()) {
        publication.published(answer.item());
      } else {
        publication.failed(answer.item(), answer.failure());
      }
    }
  }

  /** The foil's bookkeeping: a row whose send() returned counts as published. */
  private void handedOver(List<OutboxRow> rows, Publication publication) {
    handedOver(rows, ordered.send(rows), publication);
  }

  private static void handedOver(
      List<OutboxRow> rows, List<Future<RecordMetadata>> sends, Publication publication) {
    for (int i = 0; i < rows.size(); i++) {
      Future<RecordMetadata> send = sends.get(i);
      if (send.isDone() && !isAcknowledged(send)) {
        publication.failed(rows.get(i), failureOf(send));
      } else {
        publication.published(rows.get(i));
      }
    }
  }

  /** Whether a send that is done succeeded; a failed one threw in send() or failed at once. */
  private static boolean isAcknowledged(Future<RecordMetadata> send) {
    return failureOf(send) == null;
  }

  private static Exception failureOf(Future<RecordMetadata> send) {
    try {
      send.get(0, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      return null; // not done: nobody waits for it, which is the foil's mistake
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }

  /** Dies: records not yet acknowledged are dropped with the producer's buffer. */
  void kill() {
    ordered.kill();
  }

  @Override
  public void close() {
    ordered.close();
  }
}
