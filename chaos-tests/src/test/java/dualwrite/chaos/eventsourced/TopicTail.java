package dualwrite.chaos.eventsourced;

import dualwrite.bank.EventJson;
import dualwrite.bank.MalformedEvent;
import dualwrite.bank.TransactionRecorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the events topic from its beginning on the fault-free listener and keeps every record, in
 * each partition's order: what the fraud service could see, duplicates included.
 */
final class TopicTail implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TransactionRecorded> records = new ArrayList<>();

  TopicTail(Map<String, Object> directKafka, String topic, int partitions) {
    Map<String, Object> settings = new HashMap<>(directKafka);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(settings);
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
  }

  /** Reads what arrived since the last call and returns everything read so far. */
  synchronized Deliveries poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      try {
        records.add(EventJson.read(record.value()));
      } catch (MalformedEvent e) {
        throw new AssertionError("the relay published a record that is not an event", e);
      }
    }
    return new Deliveries(records);
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
