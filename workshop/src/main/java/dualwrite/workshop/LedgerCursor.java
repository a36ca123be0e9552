package dualwrite.workshop;

import dualwrite.eventsourced.Cursor;
import dualwrite.eventsourced.LedgerEntry;
import dualwrite.eventsourced.Positions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Exercise 11: the cursor of the event-sourced relay. The ledger is the log: the bank appends one
 * row to {@code bank.ledger_entries} per transaction, and the relay publishes the rows in the order
 * this cursor reads them, then saves its position. Grade it with {@code ./lab grade cursor}.
 *
 * <h2>The trap</h2>
 *
 * {@code entry_id} is handed out when a row is inserted, not when its transaction commits. Two
 * transactions can take ids 7 and 8, and 8 can commit first: a relay that reads "everything after
 * the last id I published" publishes 8, moves past it, and never sees 7 when it commits a moment
 * later. No fault is needed for that; a busy bank is enough.
 *
 * <h2>The columns you have</h2>
 *
 * <pre>
 * bank.ledger_entries (entry_id bigint, writer_xid xid8, account_id text, version bigint, ...)
 *   -- writer_xid: the PostgreSQL transaction that wrote the row (pg_current_xact_id())
 * bank.relay_positions (relay text, after_writer_xid xid8, after_entry_id bigint)
 *   -- this cursor's row: relay = 'workshop'
 * </pre>
 *
 * The position is the pair {@code (after_writer_xid, after_entry_id)} of the last entry published,
 * and {@link #save} moves it (given, with the backlog, by {@link Positions}). PostgreSQL's {@code
 * pg_current_snapshot()} and {@code pg_snapshot_xmin(...)} tell you about the transactions still
 * running.
 *
 * <h2>The contract</h2>
 *
 * <ol>
 *   <li>{@link #next} returns up to {@code limit} entries past the position, in {@code (writer_xid,
 *       entry_id)} order, select {@link LedgerEntry#COLUMNS} and read each row with {@link
 *       LedgerEntry#read}: {@code Cursor.read(session, sql, POSITION, limit)} runs such a query,
 *       with the position's name and the limit as its two parameters.
 *   <li>It must never return an entry while an entry that sorts before it may still commit: once
 *       the position has moved past a place, nothing may appear there later.
 *   <li>Entries of a transaction still open, or rolled back, are never returned (they are not
 *       visible to your query anyway).
 *   <li>Delaying an entry is allowed; skipping one is not. Speed: drain a backlog at 5,000 events/s
 *       or more, lag p99 within 250 ms at 200 transactions per second.
 * </ol>
 */
public final class LedgerCursor implements Cursor {

  /** This cursor's row in {@code bank.relay_positions}. */
  public static final String POSITION = "workshop";

  /**
   * Up to {@code limit} entries past the position that can no longer be overtaken by an entry that
   * commits later, in {@code (writer_xid, entry_id)} order.
   *
   * @param session the relay's connection to PostgreSQL (its own transaction, auto-commit on)
   */
  @Override
  public List<LedgerEntry> next(Connection session, int limit) throws SQLException {
    throw new UnsupportedOperationException(
        "exercise 11 is not done yet: write LedgerCursor.next"
            + " (docs/exercises/11-build-the-cursor.md)");
  }

  /** Moves the position past the last entry of {@code published}; it only ever moves forward. */
  @Override
  public void save(Connection session, List<LedgerEntry> published) throws SQLException {
    Positions.save(session, POSITION, published);
  }

  /** How many entries are past the position: what the relay has still to publish. */
  @Override
  public long backlog(Connection direct) throws SQLException {
    return Positions.backlog(direct, POSITION);
  }
}
