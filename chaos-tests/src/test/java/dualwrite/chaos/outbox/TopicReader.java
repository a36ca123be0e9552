package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.EventJson;
import dualwrite.bank.EventRecords;
import dualwrite.bank.MalformedEvent;
import dualwrite.bank.TransactionRecorded;
import dualwrite.chaos.env.RunSpace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the run's events topic from the beginning, on the fault-free listener, and keeps every
 * record seen, in partition and offset order.
 */
final class TopicReader implements AutoCloseable {

  /** One record on the topic. */
  record Delivered(
      int partition, long offset, String key, UUID eventId, TransactionRecorded event) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Delivered> seen = new ArrayList<>();

  TopicReader(RunSpace space) {
    Map<String, Object> settings = new HashMap<>(space.directKafka());
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    consumer = new KafkaConsumer<>(settings);
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < RunSpace.EVENT_PARTITIONS; p++) {
      partitions.add(new TopicPartition(space.topics().events(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Every record read so far, after reading what has arrived. */
  synchronized List<Delivered> all() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      Header id = record.headers().lastHeader(EventRecords.EVENT_ID);
      TransactionRecorded event;
      try {
        event = EventJson.read(record.value());
      } catch (MalformedEvent e) {
        event = null;
      }
      seen.add(
          new Delivered(
              record.partition(),
              record.offset(),
              record.key(),
              id == null ? null : UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
              event));
    }
    return List.copyOf(seen);
  }

  Set<UUID> eventIds() {
    return all().stream().map(Delivered::eventId).collect(Collectors.toSet());
  }

  /**
   * Each partition's end offset now: every record Kafka has acknowledged lies below it. Safe to
   * call from another thread, such as a crash listener's.
   */
  synchronized Map<Integer, Long> endOffsets() {
    Map<Integer, Long> ends = new HashMap<>();
    consumer.endOffsets(consumer.assignment()).forEach((p, end) -> ends.put(p.partition(), end));
    return ends;
  }

  /** The events of the records below these end offsets, such as those of an earlier instant. */
  Set<UUID> eventIdsBelow(Map<Integer, Long> ends) {
    return all().stream()
        .filter(record -> record.offset() < ends.getOrDefault(record.partition(), 0L))
        .map(Delivered::eventId)
        .collect(Collectors.toSet());
  }

  /** How many records repeat an event id already on the topic. */
  long duplicates() {
    List<Delivered> all = all();
    return all.size() - all.stream().map(Delivered::eventId).distinct().count();
  }

  /** How many times each of these events is on the topic. */
  Map<UUID, Long> copies(List<UUID> eventIds) {
    Map<UUID, Long> copies = new LinkedHashMap<>();
    eventIds.forEach(id -> copies.put(id, 0L));
    for (Delivered delivered : all()) {
      copies.computeIfPresent(delivered.eventId(), (id, n) -> n + 1);
    }
    return copies;
  }

  /**
   * Asserts that, for every account, the first delivery of each event comes in the order of the
   * account's sequence numbers: redeliveries may repeat old events, but no event is first seen
   * before an earlier one of its account.
   */
  void assertFirstDeliveriesInAccountOrder() {
    Map<String, List<Long>> firstSequences = new LinkedHashMap<>();
    Set<UUID> firstSeen = new HashSet<>();
    List<Delivered> ordered = new ArrayList<>(all());
    ordered.sort(
        Comparator.comparingInt(Delivered::partition).thenComparingLong(Delivered::offset));
    for (Delivered delivered : ordered) {
      assertThat(delivered.event()).as("every record on the topic is a readable event").isNotNull();
      assertThat(delivered.key())
          .as("the record's key is its event's account")
          .isEqualTo(delivered.event().accountId());
      if (firstSeen.add(delivered.eventId())) {
        firstSequences
            .computeIfAbsent(delivered.key(), a -> new ArrayList<>())
            .add(delivered.event().sequence());
      }
    }
    firstSequences.forEach(
        (account, sequences) ->
            assertThat(sequences)
                .as("the first deliveries of %s come in sequence order", account)
                .isSorted()
                .doesNotHaveDuplicates());
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ZERO);
  }
}
