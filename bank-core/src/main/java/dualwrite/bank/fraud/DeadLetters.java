package dualwrite.bank.fraud;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud service's dead-letter topic: a record that cannot be checked (malformed, or refused by
 * the rule or the database) is parked there with the reason, so that it does not stop every record
 * behind it in its partition.
 */
final class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  DeadLetters(Map<String, Object> producerSettings, String topic) {
    this.producer = new KafkaProducer<>(producerSettings);
    this.topic = topic;
  }

  /** The record as it came, with its headers, plus why it is parked and where it came from. */
  ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(topic, null, record.key(), record.value());
    record.headers().forEach(letter.headers()::add);
    letter.headers().add("dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
    letter.headers().add("dlt-source", source(record).getBytes(StandardCharsets.UTF_8));
    return letter;
  }

  private static String source(ConsumerRecord<?, ?> record) {
    return record.topic() + "/" + record.partition() + "@" + record.offset();
  }

  /** Sends the letters and waits until Kafka has every one. */
  void send(List<ProducerRecord<String, byte[]>> letters)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<Future<?>> sent = new ArrayList<>();
    for (ProducerRecord<String, byte[]> letter : letters) {
      sent.add(producer.send(letter));
    }
    for (Future<?> ack : sent) {
      ack.get(10, TimeUnit.SECONDS);
    }
    if (!letters.isEmpty()) {
      log.info("parked {} records on {}", letters.size(), topic);
    }
  }

  /** Parks one record, saying why it cannot be checked. */
  void park(ConsumerRecord<String, byte[]> record, Object eventId, Exception why)
      throws ExecutionException, InterruptedException, TimeoutException {
    log.warn("cannot check event {}: {}", eventId, why.toString());
    send(List.of(letter(record, "cannot be checked: " + why.getMessage())));
  }

  /** Drops what is not sent yet, as a dead process would. */
  void kill() {
    producer.close(Duration.ZERO);
  }

  /** Sends what is buffered, for a few seconds at most. */
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
