package dualwrite.outbox;

import dualwrite.bank.EventRecords;
import dualwrite.bank.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Publishes outbox rows with an idempotent producer ({@code acks=all}) and waits for every
 * acknowledgement, so that a row is marked published only once Kafka has it.
 *
 * <p>Order needs care on failure. Within one producer session Kafka appends an account's records in
 * order and without gaps. A gap opens when the application lets a later record through after an
 * earlier one failed: a {@code send} that threw while the broker was away, then a later one that
 * went through once it was back; or a batch that expired while a later one, retried under a new
 * producer epoch, landed. Either way the relay retries the earlier row after the later one is on
 * the topic. So the publisher stops sending at the first failed {@code send}, and at the first
 * failed acknowledgement it closes its producer at once, on the producer's own thread, dropping
 * everything queued behind; the next batch gets a fresh producer. (Found by the fault catalogue's
 * broker-kill scenario, which showed an account's second event published before its first.)
 */
final class Publisher implements AutoCloseable {

  /** Longer than the producer's delivery timeout: the producer always answers first. */
  private static final long ACK_WAIT_MS = KafkaSettings.DELIVERY_TIMEOUT_MS + 2000L;

  private final Map<String, Object> settings;
  private final String topic;
  private final boolean awaitAcks;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile boolean broken;
  private volatile boolean closed;

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
    this.settings = settings;
    this.awaitAcks = awaitAcks;
    // Large producer batches: fewer requests while draining a backlog. Order does not rest on
    // them; it rests on stopping at the first failure (see closeOnFailure).
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    this.producer = new KafkaProducer<>(settings);
    this.topic = topic;
  }

  /**
   * Sends the rows in order and waits for Kafka's answers. The first half is acknowledged before
   * the second half is sent, with {@code midBatch} run in between, so that a crash there leaves a
   * batch truly half published.
   */
  Publication publish(List<OutboxRow> rows, Runnable midBatch) throws InterruptedException {
    freshProducerIfBroken();
    Publication publication = new Publication();
    if (!awaitAcks) {
      handedOver(rows.subList(0, rows.size() / 2), publication);
      midBatch.run();
      handedOver(rows.subList(rows.size() / 2, rows.size()), publication);
      return publication;
    }
    int half = rows.size() / 2;
    if (half == 0) {
      awaitAll(rows, sendAll(rows), publication);
      return publication;
    }
    awaitAll(rows.subList(0, half), sendAll(rows.subList(0, half)), publication);
    midBatch.run();
    List<OutboxRow> rest = rows.subList(half, rows.size());
    awaitAll(rest, sendAll(rest), publication);
    return publication;
  }

  /** The foil's bookkeeping: a row whose send() returned counts as published. */
  private void handedOver(List<OutboxRow> rows, Publication publication) {
    List<Future<RecordMetadata>> sends = sendAll(rows);
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

  private List<Future<RecordMetadata>> sendAll(List<OutboxRow> rows) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    KafkaException refused = null;
    for (OutboxRow row : rows) {
      if (refused != null || broken) {
        // nothing after a failed row may go out, or it could land before the row's retry
        acks.add(CompletableFuture.failedFuture(refused != null ? refused : notSent()));
        continue;
      }
      try {
        acks.add(
            producer.send(
                EventRecords.toRecord(topic, row.accountId(), row.eventId(), row.payload()),
                this::closeOnFailure));
      } catch (KafkaException e) {
        refused = e;
        acks.add(CompletableFuture.failedFuture(e));
      } catch (IllegalStateException e) {
        // the producer's own thread closed it after a failed record, since the check above
        refused = new KafkaException("the producer closed after a failed record", e);
        acks.add(CompletableFuture.failedFuture(refused));
      }
    }
    return acks;
  }

  private static KafkaException notSent() {
    return new KafkaException("not sent: an earlier record of this batch failed");
  }

  /** Runs on the producer's thread: stop everything queued behind a failed record. */
  private void closeOnFailure(RecordMetadata metadata, Exception error) {
    if (error != null && !broken) {
      broken = true;
      producer.close(Duration.ZERO);
    }
  }

  private synchronized void freshProducerIfBroken() {
    if (broken && !closed) {
      producer = new KafkaProducer<>(settings);
      broken = false;
    }
  }

  private static void awaitAll(
      List<OutboxRow> rows, List<Future<RecordMetadata>> acks, Publication publication)
      throws InterruptedException {
    for (int i = 0; i < rows.size(); i++) {
      try {
        acks.get(i).get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
        publication.published(rows.get(i));
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        publication.failed(rows.get(i), e);
      }
    }
  }

  /** Dies: records not yet acknowledged are dropped with the producer's buffer. */
  synchronized void kill() {
    closed = true;
    try {
      producer.close(Duration.ZERO);
    } catch (InterruptException e) {
      // an interrupted caller stops waiting for the I/O thread, which stops all the same; the
      // exception has set the interrupt flag again for the caller
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    producer.close(Duration.ofSeconds(5));
  }
}
