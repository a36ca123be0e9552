package dualwrite.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The JSON form of {@link TransactionRecorded}, version {@value
 * TransactionRecorded#SCHEMA_VERSION}:
 *
 * <pre>{@code
 * {"schemaVersion":1,"eventId":"...","transactionId":"...","accountId":"acct-2",
 *  "type":"purchase","amountMinor":4000,"currency":"EUR",
 *  "recordedAt":"2026-11-27T10:15:30.123456Z","sequence":7}
 * }</pre>
 *
 * Reading is strict: a consumer must be able to tell a bad record from a good one, so every field
 * is required and an unknown version is refused.
 */
public final class EventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  public static byte[] write(TransactionRecorded event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schemaVersion", TransactionRecorded.SCHEMA_VERSION);
    node.put("eventId", event.eventId().toString());
    node.put("transactionId", event.transactionId().toString());
    node.put("accountId", event.accountId());
    node.put("type", event.type().label());
    node.put("amountMinor", event.amountMinor());
    node.put("currency", event.currency());
    node.put("recordedAt", event.recordedAt().toString());
    node.put("sequence", event.sequence());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an event as JSON", e);
    }
  }

  /**
   * Reads one event.
   *
   * @throws MalformedEvent saying what is wrong: not JSON, unknown version, a missing or bad field
   */
  public static TransactionRecorded read(byte[] bytes) throws MalformedEvent {
    if (bytes == null) {
      throw new MalformedEvent("empty record value");
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedEvent("not JSON: " + abbreviate(bytes));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedEvent("not a JSON object: " + abbreviate(bytes));
    }
    int version = requiredInt(node, "schemaVersion");
    if (version != TransactionRecorded.SCHEMA_VERSION) {
      throw new MalformedEvent("unknown schemaVersion " + version);
    }
    try {
      return new TransactionRecorded(
          UUID.fromString(requiredText(node, "eventId")),
          UUID.fromString(requiredText(node, "transactionId")),
          requiredText(node, "accountId"),
          TransactionType.fromLabel(requiredText(node, "type")),
          requiredLong(node, "amountMinor"),
          requiredText(node, "currency"),
          Instant.parse(requiredText(node, "recordedAt")),
          requiredLong(node, "sequence"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedEvent("bad field: " + e.getMessage(), e);
    }
  }

  private static String requiredText(JsonNode node, String field) throws MalformedEvent {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedEvent("missing text field '" + field + "'");
    }
    return value.asText();
  }

  private static long requiredLong(JsonNode node, String field) throws MalformedEvent {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new MalformedEvent("missing integer field '" + field + "'");
    }
    return value.asLong();
  }

  private static int requiredInt(JsonNode node, String field) throws MalformedEvent {
    long value = requiredLong(node, field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new MalformedEvent("field '" + field + "' out of range: " + value);
    }
    return (int) value;
  }

  private static String abbreviate(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
