package dualwrite.bank;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client settings a careful team would choose, with timeouts short enough that a test sees a
 * cut link fail within seconds rather than minutes.
 */
public final class KafkaSettings {

  /** How long a send may take, retries included, before it fails. */
  public static final int DELIVERY_TIMEOUT_MS = 4000;

  private KafkaSettings() {}

  /**
   * A producer that does not lose or duplicate what it has accepted while it lives: {@code
   * acks=all}, idempotence on, in-order retries until the delivery timeout.
   *
   * @param link the component's client settings (its bootstrap address)
   * @param clientId the producer's name in the broker's logs
   */
  public static Map<String, Object> reliableProducer(Map<String, Object> link, String clientId) {
    Map<String, Object> settings = new HashMap<>(link);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
    settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
    settings.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500);
    settings.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    settings.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    settings.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    return settings;
  }

  /**
   * A consumer that commits offsets only when told to, and starts from the beginning of a topic it
   * has never read.
   */
  public static Map<String, Object> manualCommitConsumer(
      Map<String, Object> link, String groupId, String clientId) {
    Map<String, Object> settings = new HashMap<>(link);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    settings.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
    settings.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    settings.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
    return settings;
  }
}
