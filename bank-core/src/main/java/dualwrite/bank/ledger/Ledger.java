package dualwrite.bank.ledger;

import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * Writes a transaction into the bank's ledger ({@code bank.accounts}, {@code bank.transactions})
 * inside the caller's database transaction ({@link Transactions#run}). The caller decides when to
 * commit: that decision is what the strategies differ in.
 */
public final class Ledger {

  private static final String NEXT_SEQUENCE =
      """
      INSERT INTO bank.accounts (account_id, balance_minor, last_sequence)
      VALUES (:account, :effect, 1)
      ON CONFLICT (account_id) DO UPDATE
         SET balance_minor = bank.accounts.balance_minor + EXCLUDED.balance_minor,
             last_sequence = bank.accounts.last_sequence + 1
      RETURNING last_sequence
      """;

  private static final String INSERT_TRANSACTION =
      """
      INSERT INTO bank.transactions
             (transaction_id, event_id, account_id, sequence, type, amount_minor, currency,
              recorded_at)
      VALUES (:transaction, :event, :account, :sequence, :type, :amount, :currency, :recordedAt)
      """;

  private static final String LAST_SEQUENCE =
      "SELECT coalesce(max(last_sequence), 0) FROM bank.accounts WHERE account_id = :account";

  private Ledger() {}

  /** The account's last sequence number, 0 for an account with no transactions yet. */
  public static long lastSequence(NamedParameterJdbcOperations jdbc, String accountId) {
    return jdbc.queryForObject(
        LAST_SEQUENCE, new MapSqlParameterSource("account", accountId), Long.class);
  }

  /**
   * Records the transaction in the open database transaction and returns its event. The account's
   * row stays locked until the caller commits or rolls back, so sequence numbers follow commit
   * order.
   */
  public static TransactionRecorded record(
      NamedParameterJdbcOperations jdbc, TransactionRequest request) {
    return record(jdbc, request, UUID.randomUUID());
  }

  /** The same, for an event whose id was chosen before the ledger was written. */
  public static TransactionRecorded record(
      NamedParameterJdbcOperations jdbc, TransactionRequest request, UUID eventId) {
    long sequence =
        jdbc.queryForObject(
            NEXT_SEQUENCE,
            new MapSqlParameterSource("account", request.accountId())
                .addValue("effect", request.type().balanceEffect(request.amountMinor())),
            Long.class);
    TransactionRecorded event =
        TransactionRecorded.of(
            request, eventId, Instant.now().truncatedTo(ChronoUnit.MICROS), sequence);
    jdbc.update(
        INSERT_TRANSACTION,
        new MapSqlParameterSource("transaction", event.transactionId())
            .addValue("event", event.eventId())
            .addValue("account", event.accountId())
            .addValue("sequence", event.sequence())
            .addValue("type", event.type().label())
            .addValue("amount", event.amountMinor())
            .addValue("currency", event.currency())
            .addValue("recordedAt", Timestamp.from(event.recordedAt())));
    return event;
  }
}
