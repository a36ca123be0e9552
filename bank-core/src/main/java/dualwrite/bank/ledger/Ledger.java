package dualwrite.bank.ledger;

import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes a transaction into the bank's ledger ({@code bank.accounts}, {@code bank.transactions})
 * inside the caller's database transaction. The caller decides when to commit: that decision is
 * what the strategies differ in.
 */
public final class Ledger {

  private static final String NEXT_SEQUENCE =
      """
      INSERT INTO bank.accounts (account_id, balance_minor, last_sequence) VALUES (?, ?, 1)
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
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String LAST_SEQUENCE =
      "SELECT last_sequence FROM bank.accounts WHERE account_id = ?";

  private Ledger() {}

  /** The account's last sequence number, 0 for an account with no transactions yet. */
  public static long lastSequence(Connection connection, String accountId) throws SQLException {
    try (PreparedStatement last = connection.prepareStatement(LAST_SEQUENCE)) {
      last.setString(1, accountId);
      try (ResultSet row = last.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  /**
   * Records the transaction in the open database transaction and returns its event. The account's
   * row stays locked until the caller commits or rolls back, so sequence numbers follow commit
   * order.
   */
  public static TransactionRecorded record(Connection connection, TransactionRequest request)
      throws SQLException {
    return record(connection, request, UUID.randomUUID());
  }

  /** The same, for an event whose id was chosen before the ledger was written. */
  public static TransactionRecorded record(
      Connection connection, TransactionRequest request, UUID eventId) throws SQLException {
    long sequence;
    try (PreparedStatement next = connection.prepareStatement(NEXT_SEQUENCE)) {
      next.setString(1, request.accountId());
      next.setLong(2, request.type().balanceEffect(request.amountMinor()));
      try (ResultSet row = next.executeQuery()) {
        row.next();
        sequence = row.getLong(1);
      }
    }
    TransactionRecorded event =
        TransactionRecorded.of(
            request, eventId, Instant.now().truncatedTo(ChronoUnit.MICROS), sequence);
    try (PreparedStatement insert = connection.prepareStatement(INSERT_TRANSACTION)) {
      insert.setObject(1, event.transactionId());
      insert.setObject(2, event.eventId());
      insert.setString(3, event.accountId());
      insert.setLong(4, event.sequence());
      insert.setString(5, event.type().label());
      insert.setLong(6, event.amountMinor());
      insert.setString(7, event.currency());
      insert.setTimestamp(8, Timestamp.from(event.recordedAt()));
      insert.executeUpdate();
    }
    return event;
  }
}
