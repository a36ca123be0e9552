package dualwrite.bank;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The event the fraud-detection service waits for: a transaction was recorded. Every strategy
 * publishes exactly this, keyed by account id, to the run's {@code transactions.recorded} topic.
 *
 * @param eventId unique per event; consumers deduplicate on it
 * @param transactionId the client's transaction id
 * @param accountId the account, also the Kafka key (so one account's events keep their order)
 * @param type the kind of transaction
 * @param amountMinor the amount in minor units
 * @param currency the ISO 4217 currency code
 * @param recordedAt when the bank recorded it
 * @param sequence the transaction's position in its account: 1, 2, 3, ...
 */
public record TransactionRecorded(
    UUID eventId,
    UUID transactionId,
    String accountId,
    TransactionType type,
    long amountMinor,
    String currency,
    Instant recordedAt,
    long sequence) {

  /** The event type written in the record's header. */
  public static final String EVENT_TYPE = "TransactionRecorded";

  /** The version of the JSON form that this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  public TransactionRecorded {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1: " + sequence);
    }
  }

  /** The event for a request that the bank recorded as the account's {@code sequence}th. */
  public static TransactionRecorded of(
      TransactionRequest request, UUID eventId, Instant recordedAt, long sequence) {
    return new TransactionRecorded(
        eventId,
        request.transactionId(),
        request.accountId(),
        request.type(),
        request.amountMinor(),
        request.currency(),
        recordedAt,
        sequence);
  }
}
