package dualwrite.bank;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A client's request to record one transaction. The client chooses the transaction id, so that an
 * operation whose outcome it never learnt can still be found in the database later.
 *
 * @param transactionId the client's id for this transaction, unique
 * @param accountId the account, such as {@code acct-2}
 * @param type what kind of transaction
 * @param amountMinor the amount in minor units (cents), positive
 * @param currency an ISO 4217 code such as {@code EUR}
 * @throws IllegalArgumentException when a field is missing or out of range
 */
public record TransactionRequest(
    UUID transactionId, String accountId, TransactionType type, long amountMinor, String currency) {

  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** A single transaction above this is refused: ten million in major units. */
  public static final long MAX_AMOUNT_MINOR = 1_000_000_000L;

  public TransactionRequest {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(type, "type");
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "account id must be 1-64 lower-case letters, digits or dashes: " + accountId);
    }
    if (amountMinor <= 0 || amountMinor > MAX_AMOUNT_MINOR) {
      throw new IllegalArgumentException(
          "amount must be between 1 and " + MAX_AMOUNT_MINOR + " minor units: " + amountMinor);
    }
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
    }
  }

  /** A new request with a fresh transaction id. */
  public static TransactionRequest of(
      String accountId, TransactionType type, long amountMinor, String currency) {
    return new TransactionRequest(UUID.randomUUID(), accountId, type, amountMinor, currency);
  }

  /** The request as a person would say it: {@code purchase acct-2 40.00 EUR}. */
  public String describe() {
    return type.label() + " " + accountId + " " + Money.format(amountMinor) + " " + currency;
  }
}
