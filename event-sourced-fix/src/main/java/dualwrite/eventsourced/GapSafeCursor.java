package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

  private static final String SAVE =
      """
      UPDATE bank.relay_positions
         SET after_writer_xid = ?::xid8, after_entry_id = ?
       WHERE relay = ? AND (after_writer_xid, after_entry_id) < (?::xid8, ?)
      """;

  private static final String BACKLOG =
      """
      SELECT count(*)
        FROM bank.ledger_entries e
        JOIN bank.relay_positions p ON p.relay = ?
       WHERE (e.writer_xid, e.entry_id) > (p.after_writer_xid, p.after_entry_id)
      """;

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
    LedgerEntry last = published.get(published.size() - 1);
    try (PreparedStatement save = session.prepareStatement(SAVE)) {
      String xid = Long.toString(last.writerXid());
      save.setString(1, xid);
      save.setLong(2, last.entryId());
      save.setString(3, relay);
      save.setString(4, xid); // the position only moves forward
      save.setLong(5, last.entryId());
      save.executeUpdate();
    }
  }

  @Override
  public long backlog(Connection direct) throws SQLException {
    return Cursor.count(direct, BACKLOG, relay);
  }
}
