package dualwrite.eventsourced;

import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One committed fact of the ledger: a transaction appended to its account's stream. It is already
 * the event; {@link #toEvent()} only changes its shape.
 *
 * @param entryId the row's id, handed out at insert time (not commit time)
 * @param writerXid the PostgreSQL transaction that wrote it
 * @param accountId the account, the event's Kafka key
 * @param version the account's version after this entry: 1, 2, 3, ...
 * @param transactionId the client's transaction id
 * @param eventId the id of its {@code TransactionRecorded} event
 * @param type what kind of transaction
 * @param amountMinor the amount in minor units
 * @param currency the ISO 4217 code
 * @param recordedAt when the database recorded it
 */
public record LedgerEntry(
    long entryId,
    long writerXid,
    String accountId,
    long version,
    UUID transactionId,
    UUID eventId,
    TransactionType type,
    long amountMinor,
    String currency,
    Instant recordedAt) {

  /** The columns {@link #read} expects, in a form to put after {@code SELECT}. */
  public static final String COLUMNS =
      "e.entry_id, e.writer_xid::text, e.account_id, e.version, e.transaction_id, e.event_id,"
          + " e.type, e.amount_minor, e.currency, e.recorded_at";

  public LedgerEntry {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }

  /** The {@code TransactionRecorded} event this entry is; its sequence is the version. */
  public TransactionRecorded toEvent() {
    return new TransactionRecorded(
        eventId, transactionId, accountId, type, amountMinor, currency, recordedAt, version);
  }

  /** Reads the current row of a query that selected {@link #COLUMNS}. */
  public static LedgerEntry read(ResultSet row) throws SQLException {
    return new LedgerEntry(
        row.getLong(1),
        Long.parseLong(row.getString(2)),
        row.getString(3),
        row.getLong(4),
        row.getObject(5, UUID.class),
        row.getObject(6, UUID.class),
        TransactionType.fromLabel(row.getString(7)),
        row.getLong(8),
        row.getString(9),
        row.getTimestamp(10).toInstant());
  }
}
