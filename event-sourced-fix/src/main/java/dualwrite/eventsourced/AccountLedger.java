package dualwrite.eventsourced;

import dualwrite.bank.TransactionRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

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
      "SELECT coalesce(max(version), 0) FROM bank.ledger_entries WHERE account_id = :account";

  // region append
  private static final String APPEND =
      """
      INSERT INTO bank.ledger_entries
             (account_id, version, transaction_id, event_id, type, amount_minor, currency)
      VALUES (:account, :version, :transaction, :event, :type, :amount, :currency)
      ON CONFLICT ON CONSTRAINT one_entry_per_version DO NOTHING
      RETURNING entry_id, writer_xid::text, recorded_at
      """;

  // endregion append

  private AccountLedger() {}

  /** The account's current version: how many entries its stream holds, 0 for a new account. */
  public static long currentVersion(NamedParameterJdbcOperations jdbc, String accountId) {
    return jdbc.queryForObject(
        CURRENT_VERSION, new MapSqlParameterSource("account", accountId), Long.class);
  }

  /**
   * Appends the request as the account's next entry, uncommitted.
   *
   * @throws VersionConflict when another writer appended that version first (after waiting for it
   *     to commit); the caller must roll back and retry in a new transaction
   */
  public static LedgerEntry append(NamedParameterJdbcOperations jdbc, TransactionRequest request)
      throws VersionConflict {
    long version = currentVersion(jdbc, request.accountId()) + 1;
    UUID eventId = UUID.randomUUID();
    List<LedgerEntry> appended =
        jdbc.query(
            APPEND,
            new MapSqlParameterSource("account", request.accountId())
                .addValue("version", version)
                .addValue("transaction", request.transactionId())
                .addValue("event", eventId)
                .addValue("type", request.type().label())
                .addValue("amount", request.amountMinor())
                .addValue("currency", request.currency()),
            (row, n) ->
                new LedgerEntry(
                    row.getLong(1),
                    Long.parseLong(row.getString(2)),
                    request.accountId(),
                    version,
                    request.transactionId(),
                    eventId,
                    request.type(),
                    request.amountMinor(),
                    request.currency(),
                    row.getTimestamp(3).toInstant()));
    if (appended.isEmpty()) {
      throw new VersionConflict(request.accountId(), version);
    }
    return appended.get(0);
  }
}
