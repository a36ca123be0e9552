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

/**
 * Publishes outbox rows with an idempotent producer ({@code acks=all}) and waits for every
 * acknowledgement, so that a row is marked published only once Kafka has it.
 */
final class Publisher implements AutoCloseable {

  /** Longer than the producer's delivery timeout: the producer always answers first. */
  private static final long ACK_WAIT_MS = KafkaSettings.DELIVERY_TIMEOUT_MS + 2000L;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  Publisher(Map<String, Object> link, String clientId, String topic) {
    Map<String, Object> settings = KafkaSettings.reliableProducer(link, clientId);
    // One relay batch makes one producer batch per partition, so an account's rows in it share
    // one fate: all acknowledged or all failed, never a later one without an earlier one.
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
    Publication publication = new Publication();
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

  private List<Future<RecordMetadata>> sendAll(List<OutboxRow> rows) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    for (OutboxRow row : rows) {
      try {
        acks.add(
            producer.send(
                EventRecords.toRecord(topic, row.accountId(), row.eventId(), row.payload())));
      } catch (KafkaException e) {
        acks.add(CompletableFuture.failedFuture(e));
      }
    }
    return acks;
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
  void kill() {
    producer.close(Duration.ZERO);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
