package dualwrite.bank;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How a {@link TransactionRecorded} event becomes a Kafka record: keyed by account id (one
 * account's events stay in one partition, in order), its JSON form as the value, and the event id,
 * event type and schema version repeated as headers for consumers that route without parsing.
 */
public final class EventRecords {

  public static final String EVENT_ID = "event-id";
  public static final String EVENT_TYPE = "event-type";
  public static final String SCHEMA_VERSION = "schema-version";

  private EventRecords() {}

  public static ProducerRecord<String, byte[]> toRecord(String topic, TransactionRecorded event) {
    return toRecord(topic, event.accountId(), event.eventId(), EventJson.write(event));
  }

  /** A record from an event already in its JSON form (as an outbox row holds it). */
  public static ProducerRecord<String, byte[]> toRecord(
      String topic, String accountId, UUID eventId, byte[] json) {
    Headers headers = new RecordHeaders();
    headers.add(EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
    headers.add(EVENT_TYPE, TransactionRecorded.EVENT_TYPE.getBytes(StandardCharsets.UTF_8));
    headers.add(
        SCHEMA_VERSION,
        Integer.toString(TransactionRecorded.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, accountId, json, headers);
  }
}
