package dualwrite.faultproxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes proxies and toxics as Toxiproxy does, field for field and in the same order: a proxy is
 * {@code {"name","listen","upstream","enabled","toxics"}}, a toxic {@code
 * {"attributes","name","type","stream","toxicity"}}, and toxicity is a Go float32 ({@code 1}, not
 * {@code 1.0}).
 */
final class ResponseJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final CharacterEscapes GO_ESCAPES = new GoEscapes();

  private ResponseJson() {}

  /** Something that writes one JSON value. */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator json) throws IOException;
  }

  static byte[] render(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.setCharacterEscapes(GO_ESCAPES);
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] proxy(Proxy proxy) {
    return render(json -> writeProxy(json, proxy));
  }

  /** {@code GET /proxies}: an object keyed by name, in name order. */
  static byte[] proxyIndex(List<Proxy> proxies) {
    return render(
        json -> {
          json.writeStartObject();
          for (Proxy proxy : proxies) {
            json.writeFieldName(proxy.name());
            writeProxy(json, proxy);
          }
          json.writeEndObject();
        });
  }

  static byte[] toxic(Toxic toxic) {
    return render(json -> writeToxic(json, toxic));
  }

  static byte[] toxics(List<Toxic> toxics) {
    return render(json -> writeToxics(json, toxics));
  }

  /**
   * {@code POST /populate}: {@code {"proxies":[...]}}, preceded by the error fields when it failed.
   * Go writes an empty list of proxies as null.
   */
  static byte[] populate(List<Proxy> proxies, ApiError error) {
    return render(
        json -> {
          json.writeStartObject();
          if (error != null) {
            json.writeStringField("error", error.getMessage());
            json.writeNumberField("status", error.status());
          }
          json.writeFieldName("proxies");
          if (proxies.isEmpty()) {
            json.writeNull();
          } else {
            json.writeStartArray();
            for (Proxy proxy : proxies) {
              writeProxy(json, proxy);
            }
            json.writeEndArray();
          }
          json.writeEndObject();
        });
  }

  static byte[] error(ApiError error) {
    return render(
        json -> {
          json.writeStartObject();
          json.writeStringField("error", error.getMessage());
          json.writeNumberField("status", error.status());
          json.writeEndObject();
        });
  }

  private static void writeProxy(JsonGenerator json, Proxy proxy) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", proxy.name());
    json.writeStringField("listen", proxy.listen());
    json.writeStringField("upstream", proxy.upstream());
    json.writeBooleanField("enabled", proxy.enabled());
    json.writeFieldName("toxics");
    writeToxics(json, proxy.toxics());
    json.writeEndObject();
  }

  private static void writeToxics(JsonGenerator json, List<Toxic> toxics) throws IOException {
    json.writeStartArray();
    for (Toxic toxic : toxics) {
      writeToxic(json, toxic);
    }
    json.writeEndArray();
  }

  private static void writeToxic(JsonGenerator json, Toxic toxic) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("attributes");
    for (Map.Entry<String, Long> attribute : toxic.type().attributes().entrySet()) {
      json.writeNumberField(attribute.getKey(), attribute.getValue());
    }
    json.writeEndObject();
    json.writeStringField("name", toxic.name());
    json.writeStringField("type", toxic.type().typeName());
    json.writeStringField("stream", toxic.stream());
    json.writeFieldName("toxicity");
    json.writeNumber(goFloat32(toxic.toxicity()));
    json.writeEndObject();
  }

  /**
   * A float32 as Go's encoding/json writes it: the shortest decimal that reads back as the same
   * float, plain between 1e-6 and 1e21, exponent form ({@code 1e-07}) outside.
   */
  static String goFloat32(float value) {
    if (value == 0) {
      return "0";
    }
    BigDecimal shortest = new BigDecimal(Float.toString(value)).stripTrailingZeros();
    double magnitude = Math.abs((double) value);
    if (magnitude >= 1e-6 && magnitude < 1e21) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    String sign = value < 0 ? "-" : "";
    // Go writes e-7 but e+21.
    String exponentText = exponent < 0 ? "-" + -exponent : String.format("+%02d", exponent);
    return sign + mantissa + "e" + exponentText;
  }

  /** Go's encoding/json escapes {@code < > &} and U+2028/U+2029 in strings; so does this. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes = standardAsciiEscapesForJSON();

    GoEscapes() {
      escapes['<'] = ESCAPE_CUSTOM;
      escapes['>'] = ESCAPE_CUSTOM;
      escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      boolean goEscapes = ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029;
      // Lower-case hex digits, as Go writes them.
      return goEscapes ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
