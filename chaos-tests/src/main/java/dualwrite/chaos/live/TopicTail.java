package dualwrite.chaos.live;

import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.TruthReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the run's events topic as it fills, directly (not through a proxy, so no fault of the run
 * hides it), and keeps each transaction's records: what the live page counts as "on the topic" and
 * draws in a transaction's journey.
 */
final class TopicTail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread reader;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final Map<UUID, List<Truth.Published>> byTransaction = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  TopicTail(Map<String, Object> directKafka, String topic) {
    Map<String, Object> settings = new HashMap<>(directKafka);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    consumer = new KafkaConsumer<>(settings);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader = new Thread(this::read, "live-topic-tail");
    reader.setDaemon(true);
    reader.start();
  }

  long records() {
    return records.get();
  }

  long malformed() {
    return malformed.get();
  }

  /** The records of a transaction read so far, in the order read. */
  List<Truth.Published> of(UUID transactionId) {
    return byTransaction.getOrDefault(transactionId, List.of());
  }

  private void read() {
    try {
      while (open) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          keep(record);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.warn("the live page stopped reading the topic: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void keep(ConsumerRecord<String, byte[]> record) {
    records.incrementAndGet();
    Truth.Published published = TruthReader.toPublished(record);
    if (published.readable()) {
      byTransaction
          .computeIfAbsent(published.transactionId(), id -> new CopyOnWriteArrayList<>())
          .add(published);
    } else {
      malformed.incrementAndGet();
    }
  }

  @Override
  public void close() {
    open = false;
    consumer.wakeup();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
