package dualwrite.chaos.checker;

import dualwrite.bank.EventJson;
import dualwrite.bank.MalformedEvent;
import dualwrite.bank.TransactionRecorded;
import dualwrite.chaos.env.Polling;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the truth through fault-free connections: the database as it is, the topic from offset 0.
 */
public final class TruthReader {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** Every committed transaction; a caller may narrow it with a WHERE clause. */
  public static final String COMMITTED =
      "SELECT transaction_id, event_id, account_id, sequence, committed_at"
          + " FROM bank.committed_transactions";

  /** Every fraud check; a caller may narrow it with a WHERE clause. */
  public static final String CHECKED =
      "SELECT transaction_id, event_id, checked_at FROM fraud.fraud_checks";

  /** The current row of a {@link #COMMITTED} query. */
  public static Truth.Committed committed(ResultSet row) throws SQLException {
    return new Truth.Committed(
        row.getObject(1, UUID.class),
        row.getObject(2, UUID.class),
        row.getString(3),
        row.getLong(4),
        instant(row.getTimestamp(5)));
  }

  /** The current row of a {@link #CHECKED} query. */
  public static Truth.Checked checked(ResultSet row) throws SQLException {
    return new Truth.Checked(
        row.getObject(1, UUID.class), row.getObject(2, UUID.class), instant(row.getTimestamp(3)));
  }

  private TruthReader() {}

  /**
   * @param jdbcUrl the run's database, direct
   * @param kafka client settings with a direct bootstrap address
   * @param topic the events topic
   * @throws SQLException or a Kafka exception when a server cannot be read; the caller turns that
   *     into an unknown verdict
   */
  public static Truth read(
      String jdbcUrl, String user, String password, Map<String, Object> kafka, String topic)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "60");
    List<Truth.Committed> committed = new ArrayList<>();
    List<Truth.Checked> checks = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, props)) {
      try (PreparedStatement query = connection.prepareStatement(COMMITTED);
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          committed.add(committed(rows));
        }
      }
      try (PreparedStatement query = connection.prepareStatement(CHECKED);
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          checks.add(checked(rows));
        }
      }
    }
    return new Truth(committed, readTopic(kafka, topic), checks);
  }

  private static List<Truth.Published> readTopic(Map<String, Object> kafka, String topic) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    // The topic is read to an end known in advance: waiting for more data would only add time.
    settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
    List<Truth.Published> published = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      // no pause between polls: each one waits up to 100 ms for records
      Polling.Outcome outcome =
          Polling.until(
              READ_TIMEOUT,
              Duration.ZERO,
              failure -> false,
              () -> {
                if (caughtUp(consumer, end)) {
                  return true;
                }
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(100))) {
                  published.add(toPublished(record));
                }
                return caughtUp(consumer, end);
              });
      if (!outcome.done()) {
        throw new IllegalStateException("could not read " + topic + " to its end in time");
      }
    } catch (InterruptedException e) {
      throw new InterruptException(e); // as the consumer's own poll does; it keeps the interrupt
    }
    return published;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A record of the events topic as the truth holds it; one that is not a readable event is kept
   * with why ({@link Truth.Published#readable()} false).
   */
  public static Truth.Published toPublished(ConsumerRecord<String, byte[]> record) {
    Instant at = Instant.ofEpochMilli(record.timestamp());
    try {
      TransactionRecorded event = EventJson.read(record.value());
      return new Truth.Published(
          record.partition(),
          record.offset(),
          at,
          event.eventId(),
          event.transactionId(),
          event.accountId(),
          event.sequence(),
          null);
    } catch (MalformedEvent e) {
      return new Truth.Published(
          record.partition(), record.offset(), at, null, null, null, 0, e.getMessage());
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
