package dualwrite.eventsourced;

import dualwrite.bank.TransactionRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Appends a transaction to its account's stream in the caller's database transaction, with
 * optimistic concurrency: it reads the account's version {@code n}, appends {@code n + 1}, and
 * reports a {@link VersionConflict} when another writer got there first. No lock is taken on
 * reading; the unique {@code (account_id, version)} constraint decides.
 *
 * <p>Call it first in a fresh transaction: the entry's {@code writer_xid} is assigned by this
 * insert, after the previous version committed, so an account's entries have increasing writer
 * transaction ids. The log relay's order relies on that.
 */
public final class AccountLedger {

  private static final String CURRENT_VERSION =
      "SELECT coalesce(max(version), 0) FROM bank.ledger_entries WHERE account_id = ?";

  // region append
  private static final String APPEND =
      """
      INSERT INTO bank.ledger_entries
             (account_id, version, transaction_id, event_id, type, amount_minor, currency)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT ON CONSTRAINT one_entry_per_version DO NOTHING
      RETURNING entry_id, writer_xid::text, recorded_at
      """;

  // endregion append

  private AccountLedger() {}

  /** The account's current version: how many entries its stream holds, 0 for a new account. */
  public static long currentVersion(Connection connection, String accountId) throws SQLException {
    try (PreparedStatement current = connection.prepareStatement(CURRENT_VERSION)) {
      current.setString(1, accountId);
      try (ResultSet row = current.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * Appends the request as the account's next entry, uncommitted.
   *
   * @throws VersionConflict when another writer appended that version first (after waiting for it
   *     to commit); the caller must roll back and retry in a new transaction
   */
  public static LedgerEntry append(Connection connection, TransactionRequest request)
      throws SQLException, VersionConflict {
    long version = currentVersion(connection, request.accountId()) + 1;
    UUID eventId = UUID.randomUUID();
    try (PreparedStatement append = connection.prepareStatement(APPEND)) {
      append.setString(1, request.accountId());
      append.setLong(2, version);
      append.setObject(3, request.transactionId());
      append.setObject(4, eventId);
      append.setString(5, request.type().label());
      append.setLong(6, request.amountMinor());
      append.setString(7, request.currency());
      try (ResultSet row = append.executeQuery()) {
        if (!row.next()) {
          throw new VersionConflict(request.accountId(), version);
        }
        return new LedgerEntry(
            row.getLong(1),
            Long.parseLong(row.getString(2)),
            request.accountId(),
            version,
            request.transactionId(),
            eventId,
            request.type(),
            request.amountMinor(),
            request.currency(),
            row.getTimestamp(3).toInstant());
      }
    }
  }
}
