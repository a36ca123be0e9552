package dualwrite.faultproxy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads request bodies the way Toxiproxy's Go decoder does: keys match case-insensitively, null
 * leaves a field as it was, a value of the wrong type is an error, trailing bytes are ignored, and
 * the error texts read like Go's ({@code EOF}, {@code unexpected EOF}, {@code json: cannot
 * unmarshal string into Go struct field Proxy.enabled of type bool}).
 */
final class RequestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern UNEXPECTED_CHARACTER =
      Pattern.compile("Unexpected character \\('(.)'|Unrecognized token '(.)");

  private final JsonNode root;
  private final String struct;

  private RequestJson(JsonNode root, String struct) {
    this.root = root;
    this.struct = struct;
  }

  /**
   * Parses a body meant for a Go struct named {@code struct}.
   *
   * @throws ApiError {@code bad request body: ...} when the body is not one JSON object or null
   */
  static RequestJson object(byte[] body, String struct) throws ApiError {
    JsonNode node = parse(body);
    if (!node.isNull() && !node.isObject()) {
      throw ApiError.badRequestBody(
          "json: cannot unmarshal " + kind(node) + " into Go value of type toxiproxy." + struct);
    }
    return new RequestJson(node, struct);
  }

  /** Parses a body that must be a JSON array (or null, which Go reads as an empty one). */
  static JsonNode array(byte[] body, String goType) throws ApiError {
    JsonNode node = parse(body);
    if (!node.isNull() && !node.isArray()) {
      throw ApiError.badRequestBody(
          "json: cannot unmarshal " + kind(node) + " into Go value of type " + goType);
    }
    return node;
  }

  /** Wraps one element of a parsed array. */
  static RequestJson element(JsonNode node, String struct) throws ApiError {
    if (!node.isNull() && !node.isObject()) {
      throw ApiError.badRequestBody(
          "json: cannot unmarshal " + kind(node) + " into Go value of type toxiproxy." + struct);
    }
    return new RequestJson(node, struct);
  }

  private static JsonNode parse(byte[] body) throws ApiError {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiError.badRequestBody("EOF");
      }
      return node;
    } catch (JsonEOFException e) {
      throw ApiError.badRequestBody("unexpected EOF");
    } catch (JsonParseException e) {
      Matcher matcher = UNEXPECTED_CHARACTER.matcher(String.valueOf(e.getOriginalMessage()));
      String character =
          matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : "?";
      throw ApiError.badRequestBody(
          "invalid character '" + character + "' looking for beginning of value");
    } catch (JsonProcessingException e) {
      throw ApiError.badRequestBody(String.valueOf(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiError.badRequestBody(String.valueOf(e.getMessage()));
    }
  }

  /** The value under {@code key}, matched exactly first, then ignoring case; null if absent. */
  private JsonNode field(String key) {
    return field(root, key);
  }

  private static JsonNode field(JsonNode object, String key) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(key);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }

  String string(String key, String otherwise) throws ApiError {
    JsonNode node = field(key);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isTextual()) {
      throw typeError(node, struct + "." + key, "string");
    }
    return node.textValue();
  }

  boolean bool(String key, boolean otherwise) throws ApiError {
    JsonNode node = field(key);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isBoolean()) {
      throw typeError(node, struct + "." + key, "bool");
    }
    return node.booleanValue();
  }

  float float32(String key, float otherwise) throws ApiError {
    JsonNode node = field(key);
    if (node == null || node.isNull()) {
      return otherwise;
    }
    if (!node.isNumber()) {
      throw typeError(node, struct + "." + key, "float32");
    }
    return node.floatValue();
  }

  /**
   * The integer attributes under {@code attributes} that {@code names} lists, to be merged into a
   * toxic; other keys are ignored, as Go ignores unknown fields.
   */
  Map<String, Long> attributes(Iterable<String> names, String toxicStruct) throws ApiError {
    JsonNode attributes = field("attributes");
    Map<String, Long> values = new HashMap<>();
    if (attributes == null || attributes.isNull()) {
      return values;
    }
    if (!attributes.isObject()) {
      throw typeError(attributes, struct + ".attributes", "toxics." + toxicStruct);
    }
    for (String name : names) {
      JsonNode node = field(attributes, name);
      if (node == null || node.isNull()) {
        continue;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw typeError(node, toxicStruct + ".attributes." + name, "int64");
      }
      values.put(name, node.longValue());
    }
    return values;
  }

  private static ApiError typeError(JsonNode node, String field, String goType) {
    String what = node.isNumber() ? "number " + node.asText() : kind(node);
    return ApiError.badRequestBody(
        "json: cannot unmarshal " + what + " into Go struct field " + field + " of type " + goType);
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "array";
    }
    return "object";
  }
}
