package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The positions of the cursors that read in {@code (writer_xid, entry_id)} order: the pair of the
 * last entry published, in {@code bank.relay_positions}. The log relay's cursor keeps its own here,
 * and so does the workshop's ({@code dualwrite.workshop.LedgerCursor}), which writes only the read.
 */
public final class Positions {

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

  private Positions() {}

  /** Moves {@code relay}'s position past the last entry of {@code published}, only ever forward. */
  public static void save(Connection session, String relay, List<LedgerEntry> published)
      throws SQLException {
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

  /** How many entries are past {@code relay}'s position. */
  public static long backlog(Connection direct, String relay) throws SQLException {
    return Cursor.count(direct, BACKLOG, relay);
  }
}
