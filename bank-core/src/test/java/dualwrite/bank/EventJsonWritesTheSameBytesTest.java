package dualwrite.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The JSON form of an event is a contract with every consumer and with the outbox rows already
 * written: the same event gives the same bytes, field for field and character for character.
 */
class EventJsonWritesTheSameBytesTest {

  private static final UUID EVENT = UUID.fromString("7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
  private static final UUID TRANSACTION = UUID.fromString("00000000-0000-4000-8000-00000000000a");

  @Test
  void anEventIsWrittenInItsFixedOrderAndFormats() throws MalformedEvent {
    TransactionRecorded event =
        new TransactionRecorded(
            EVENT,
            TRANSACTION,
            "acct-2",
            TransactionType.PURCHASE,
            4000,
            "EUR",
            Instant.parse("2026-11-27T10:15:30.123456Z"),
            7);

    String json = new String(EventJson.write(event), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":1,\"eventId\":\"7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\","
                + "\"transactionId\":\"00000000-0000-4000-8000-00000000000a\","
                + "\"accountId\":\"acct-2\",\"type\":\"purchase\",\"amountMinor\":4000,"
                + "\"currency\":\"EUR\",\"recordedAt\":\"2026-11-27T10:15:30.123456Z\","
                + "\"sequence\":7}");
    assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
  }

  @Test
  void textIsEscapedAndInstantsKeepTheirShortestForm() throws MalformedEvent {
    TransactionRecorded event =
        new TransactionRecorded(
            EVENT,
            TRANSACTION,
            "acct-\"ü\u0000\\/",
            TransactionType.DEPOSIT,
            -1,
            "€",
            Instant.parse("2026-01-02T03:04:05Z"),
            Long.MAX_VALUE);

    byte[] bytes = EventJson.write(event);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":1,\"eventId\":\"7a0f1c8e-2b3d-4e5f-8a9b-0c1d2e3f4a5b\","
                + "\"transactionId\":\"00000000-0000-4000-8000-00000000000a\","
                + "\"accountId\":\"acct-\\\"ü\\u0000\\\\/\",\"type\":\"deposit\","
                + "\"amountMinor\":-1,\"currency\":\"€\","
                + "\"recordedAt\":\"2026-01-02T03:04:05Z\",\"sequence\":9223372036854775807}");
    assertThat(EventJson.read(bytes)).isEqualTo(event);
  }
}
