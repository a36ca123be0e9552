package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The tempting cursor, a teaching foil: remembers the highest entry id it sent and reads the
 * entries above it. Ids are handed out when rows are inserted, not when they commit; an entry whose
 * transaction commits after a higher id was read is below the cursor by the time it becomes
 * visible, and is never read at all.
 */
final class NaiveIdCursor implements Cursor {

  // region read-past-highest-id
  private static final String NEXT =
      """
      SELECT %s
        FROM bank.ledger_entries e
       WHERE e.entry_id > (SELECT after_entry_id FROM bank.relay_positions WHERE relay = ?)
       ORDER BY e.entry_id
       LIMIT ?
      """
          .formatted(LedgerEntry.COLUMNS);

  // endregion read-past-highest-id

  private static final String SAVE =
      """
      UPDATE bank.relay_positions SET after_entry_id = ?
       WHERE relay = ? AND after_entry_id < ?
      """;

  private static final String BACKLOG =
      """
      SELECT count(*)
        FROM bank.ledger_entries e
       WHERE e.entry_id > (SELECT after_entry_id FROM bank.relay_positions WHERE relay = ?)
      """;

  private final String relay;

  NaiveIdCursor(String relay) {
    this.relay = relay;
  }

  @Override
  public List<LedgerEntry> next(Connection session, int limit) throws SQLException {
    return Cursor.read(session, NEXT, relay, limit);
  }

  @Override
  public void save(Connection session, List<LedgerEntry> published) throws SQLException {
    long highest = published.get(published.size() - 1).entryId();
    try (PreparedStatement save = session.prepareStatement(SAVE)) {
      save.setLong(1, highest);
      save.setString(2, relay);
      save.setLong(3, highest);
      save.executeUpdate();
    }
  }

  /** What it believes is left: entries above its id. Entries it skipped are not counted. */
  @Override
  public long backlog(Connection direct) throws SQLException {
    return Cursor.count(direct, BACKLOG, relay);
  }
}
