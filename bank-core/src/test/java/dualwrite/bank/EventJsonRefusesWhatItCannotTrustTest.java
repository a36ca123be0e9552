package dualwrite.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A record that is not exactly the JSON form of an event is refused, and the refusal names the
 * field and what was wrong with it in plain words: the message is what a dead letter and the lab's
 * output show.
 */
class EventJsonRefusesWhatItCannotTrustTest {

  private static final String GOOD =
      "{\"schemaVersion\":1,\"eventId\":\"7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\","
          + "\"transactionId\":\"00000000-0000-4000-8000-00000000000a\","
          + "\"accountId\":\"acct-2\",\"type\":\"purchase\",\"amountMinor\":4000,"
          + "\"currency\":\"EUR\",\"recordedAt\":\"2026-11-27T10:15:30.123456Z\","
          + "\"sequence\":7}";

  /** Each case replaces one part of a good record: {@code what | part | replaced by | message}. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unknown field | \"sequence\":7 | \"sequence\":7,\"x\":1 | unknown field 'x'",
        "missing field | \"amountMinor\":4000, | `` | amountMinor is missing",
        "missing text field | \"currency\":\"EUR\", | `` | currency is missing",
        "null text | \"EUR\" | null | currency is null",
        "null integer | \"sequence\":7 | \"sequence\":null | sequence is null",
        "null UUID | \"eventId\":\"7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\" | \"eventId\":null"
            + " | eventId is null",
        "number in a string | \"amountMinor\":4000 | \"amountMinor\":\"4000\""
            + " | amountMinor must be an integer, not the string '4000'",
        "string as a number | \"acct-2\" | 2 | accountId must be a string, not the number 2",
        "fraction for an integer | \"amountMinor\":4000 | \"amountMinor\":4000.0"
            + " | amountMinor must be an integer, not the number 4000.0",
        "exponent for an integer | \"sequence\":7 | \"sequence\":7e0"
            + " | sequence must be an integer, not the number 7.0",
        "boolean for an integer | \"amountMinor\":4000 | \"amountMinor\":true"
            + " | amountMinor must be an integer, not true",
        "array for a string | \"EUR\" | [\"EUR\"] | currency must be a string, not an array",
        "object for a string | \"EUR\" | {} | currency must be a string, not an object",
        "integer out of range | \"amountMinor\":4000 | \"amountMinor\":9223372036854775808"
            + " | amountMinor 9223372036854775808 is out of range",
        "empty string for a UUID | \"7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\" | \"\""
            + " | eventId must be a UUID, not the string ''",
        "not a UUID | \"00000000-0000-4000-8000-00000000000a\" | \"tx-1\""
            + " | transactionId must be a UUID, not the string 'tx-1'",
        "version in a string | \"schemaVersion\":1 | \"schemaVersion\":\"1\""
            + " | schemaVersion must be an integer, not the string '1'",
        "missing version | \"schemaVersion\":1, | `` | schemaVersion is missing",
        "wrong version | \"schemaVersion\":1 | \"schemaVersion\":2 | unknown schemaVersion 2",
        "huge version | \"schemaVersion\":1 | \"schemaVersion\":12345678901234567890"
            + " | unknown schemaVersion 12345678901234567890",
        "unknown type | \"purchase\" | \"refund\""
            + " | type 'refund' is not a transaction type (deposit, withdrawal, payment, purchase)",
        "not an instant | \"2026-11-27T10:15:30.123456Z\" | \"yesterday\""
            + " | recordedAt 'yesterday' is not an instant such as 2026-11-27T10:15:30.123456Z",
        "sequence below 1 | \"sequence\":7 | \"sequence\":0 | sequence starts at 1: 0",
        "a field twice | \"sequence\":7 | \"sequence\":7,\"sequence\":8 | field 'sequence' appears"
            + " twice",
      })
  void aBadFieldIsNamedWithWhatIsWrong(
      String what, String part, String replacement, String message) {
    assertThat(GOOD.indexOf(part))
        .as("the test's own setup: %s is in the good record once", part)
        .isNotNegative()
        .isEqualTo(GOOD.lastIndexOf(part));
    String json = GOOD.replace(part, replacement);

    assertRefused(what + ": " + json, json, message);
  }

  @Test
  void aRecordThatIsNoEventObjectIsSaidToBeNone() {
    assertRefused("not JSON at all", "not json", "not JSON: not json");
    assertRefused("cut short", "{\"schemaVersion\":1,", "not JSON: {\"schemaVersion\":1,");
    assertRefused("two values", "{} {}", "not JSON: {} {}");
    assertRefused("an array", "[1]", "not a JSON object: [1]");
    assertRefused("a string", "\"event\"", "not a JSON object: \"event\"");
    assertRefused("null", "null", "not a JSON object: null");
    assertRefused("nothing", "", "not a JSON object: ");
    assertRefused("another version", "{\"schemaVersion\":99}", "unknown schemaVersion 99");
    assertThatThrownBy(() -> EventJson.read(null))
        .as("no value")
        .isInstanceOf(MalformedEvent.class)
        .hasMessage("empty record value");
  }

  @Test
  void aLongValueIsShortenedInTheMessage() {
    String json = "[\"" + "x".repeat(100) + "\"]";
    assertRefused("a long array", json, "not a JSON object: " + json.substring(0, 60) + "...");
  }

  private static void assertRefused(String what, String json, String message) {
    assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .as(what)
        .isInstanceOf(MalformedEvent.class)
        .hasMessage(message);
  }
}
