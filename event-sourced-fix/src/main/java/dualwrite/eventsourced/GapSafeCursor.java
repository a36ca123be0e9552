package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The log relay's cursor: reads only entries that are final, so it can never pass an entry that
 * commits later. An entry is final when its writer transaction is older than the oldest transaction
 * still running ({@code pg_snapshot_xmin}): such a transaction has committed or rolled back, and
 * every transaction that could still commit has a larger id. Its position is the pair {@code
 * (writer_xid, entry_id)} of the last entry it published, and it reads in that order.
 *
 * <p>What it costs: a transaction held open anywhere on the server holds the relay back until it
 * ends. It delays events; it never loses one.
 */
final class GapSafeCursor implements Cursor {

  // region read-final-entries
  private static final String NEXT =
      """
      SELECT %s
        FROM bank.ledger_entries e
        JOIN bank.relay_positions p ON p.relay = ?
       WHERE (e.writer_xid, e.entry_id) > (p.after_writer_xid, p.after_entry_id)
         AND e.writer_xid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.writer_xid, e.entry_id
       LIMIT ?
      """
          .formatted(LedgerEntry.COLUMNS);

  // endregion read-final-entries

  private final String relay;

  GapSafeCursor(String relay) {
    this.relay = relay;
  }

  @Override
  public List<LedgerEntry> next(Connection session, int limit) throws SQLException {
    // One statement, one snapshot: the entries it reads and the xmin it compares with agree.
    return Cursor.read(session, NEXT, relay, limit);
  }

  @Override
  public void save(Connection session, List<LedgerEntry> published) throws SQLException {
    Positions.save(session, relay, published);
  }

  @Override
  public long backlog(Connection direct) throws SQLException {
    return Positions.backlog(direct, relay);
  }
}
