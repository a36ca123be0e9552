package dualwrite.bank;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * is required, once, with its own JSON type (no number in a string, no fraction for an integer, no
 * empty string for a missing value), no other field is allowed, and an unknown version is refused.
 * Jackson databind does the binding; the refusal says in plain words which field was wrong and why,
 * for whoever reads a dead letter or the lab's output.
 */
public final class EventJson {

  private static final ObjectMapper JSON = strictMapper();

  private EventJson() {}

  public static byte[] write(TransactionRecorded event) {
    try {
      return JSON.writeValueAsBytes(Wire.of(event));
    } catch (JsonProcessingException e) {
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
    JsonNode node = tree(bytes);
    if (!node.isObject()) {
      throw new MalformedEvent("not a JSON object: " + abbreviate(bytes));
    }
    // The version first: a record of another version may have other fields altogether.
    JsonNode version = node.get("schemaVersion");
    if (version != null
        && version.isIntegralNumber()
        && !(version.canConvertToInt()
            && version.intValue() == TransactionRecorded.SCHEMA_VERSION)) {
      throw new MalformedEvent("unknown schemaVersion " + version.asText());
    }
    Wire wire;
    try {
      wire = JSON.treeToValue(node, Wire.class);
    } catch (JsonProcessingException e) {
      throw refusal(e, node);
    }
    return wire.toEvent();
  }

  /**
   * A mapper that binds nothing it was not given as such: every creator property required and not
   * null, no unknown property, no duplicate, nothing after the object, and no coercion of any kind.
   */
  private static ObjectMapper strictMapper() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfigDefaults(
            config -> {
              config.setAcceptBlankAsEmpty(false);
              for (CoercionInputShape shape : CoercionInputShape.values()) {
                config.setCoercion(shape, CoercionAction.Fail);
              }
            })
        .build();
  }

  private static JsonNode tree(byte[] bytes) throws MalformedEvent {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) { // from a byte array: a JacksonException
      String reason = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : null;
      if (reason != null && reason.startsWith("Duplicate field ")) {
        throw new MalformedEvent(
            "field " + reason.substring("Duplicate field ".length()) + " appears twice", e);
      }
      throw new MalformedEvent("not JSON: " + abbreviate(bytes), e);
    }
  }

  /** Jackson's refusal in plain words, naming the field from the exception's path. */
  private static MalformedEvent refusal(JsonProcessingException e, JsonNode node) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new MalformedEvent("unknown field '" + unknown.getPropertyName() + "'", e);
    }
    String field =
        e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
            ? mapping.getPath().get(0).getFieldName()
            : null;
    Class<?> type = field == null ? null : typeOf(field);
    if (type == null) {
      return new MalformedEvent("not a TransactionRecorded event: " + e.getOriginalMessage(), e);
    }
    JsonNode value = node.get(field);
    if (value == null) {
      return new MalformedEvent(field + " is missing", e);
    }
    if (value.isNull()) {
      return new MalformedEvent(field + " is null", e);
    }
    boolean integer = type == long.class || type == int.class;
    if (integer && value.isIntegralNumber()) {
      return new MalformedEvent(field + " " + value.asText() + " is out of range", e);
    }
    String expected = integer ? "an integer" : type == UUID.class ? "a UUID" : "a string";
    return new MalformedEvent(field + " must be " + expected + ", not " + shown(value), e);
  }

  /** The Java type of a field of the JSON form, or null if it has no such field. */
  private static Class<?> typeOf(String field) {
    for (RecordComponent component : Wire.class.getRecordComponents()) {
      if (component.getName().equals(field)) {
        return component.getType();
      }
    }
    return null;
  }

  private static String shown(JsonNode value) {
    if (value.isTextual()) {
      return "the string " + quoted(value.textValue());
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    return value.isArray() ? "an array" : "an object";
  }

  private static String quoted(String text) {
    return "'" + abbreviate(text) + "'";
  }

  private static String abbreviate(byte[] bytes) {
    return abbreviate(new String(bytes, StandardCharsets.UTF_8));
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  /**
   * The JSON form as Jackson binds it: JSON's own types, written in this order. A type label and an
   * instant are strings here, parsed into the event by {@link #toEvent()}.
   */
  @JsonPropertyOrder({
    "schemaVersion",
    "eventId",
    "transactionId",
    "accountId",
    "type",
    "amountMinor",
    "currency",
    "recordedAt",
    "sequence"
  })
  private record Wire(
      int schemaVersion,
      UUID eventId,
      UUID transactionId,
      String accountId,
      String type,
      long amountMinor,
      String currency,
      String recordedAt,
      long sequence) {

    static Wire of(TransactionRecorded event) {
      return new Wire(
          TransactionRecorded.SCHEMA_VERSION,
          event.eventId(),
          event.transactionId(),
          event.accountId(),
          event.type().label(),
          event.amountMinor(),
          event.currency(),
          event.recordedAt().toString(),
          event.sequence());
    }

    TransactionRecorded toEvent() throws MalformedEvent {
      TransactionType parsedType;
      try {
        parsedType = TransactionType.fromLabel(type);
      } catch (IllegalArgumentException e) {
        String types =
            Arrays.stream(TransactionType.values())
                .map(TransactionType::label)
                .collect(Collectors.joining(", "));
        throw new MalformedEvent(
            "type " + quoted(type) + " is not a transaction type (" + types + ")", e);
      }
      Instant at;
      try {
        at = Instant.parse(recordedAt);
      } catch (DateTimeParseException e) {
        throw new MalformedEvent(
            "recordedAt "
                + quoted(recordedAt)
                + " is not an instant such as 2026-11-27T10:15:30.123456Z",
            e);
      }
      try {
        return new TransactionRecorded(
            eventId, transactionId, accountId, parsedType, amountMinor, currency, at, sequence);
      } catch (IllegalArgumentException e) {
        throw new MalformedEvent(e.getMessage(), e); // such as "sequence starts at 1: 0"
      }
    }
  }
}
