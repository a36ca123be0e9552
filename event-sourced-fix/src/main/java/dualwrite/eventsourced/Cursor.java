package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a relay is in the ledger: reads the committed entries past its saved position, and moves
 * the position past entries that Kafka has acknowledged. The position lives in {@code
 * bank.relay_positions}, so a fresh relay resumes where the last one stopped.
 *
 * <p>Public for the workshop, whose learners write one ({@code dualwrite.workshop.LedgerCursor})
 * and run it in this module's relay through {@link EventSourcedStrategy#deployWith}.
 */
public interface Cursor {

  /**
   * Up to {@code limit} entries past the position, in the order the position moves through them.
   */
  List<LedgerEntry> next(Connection session, int limit) throws SQLException;

  /** Moves the position past {@code published}, a batch that {@link #next} returned. */
  void save(Connection session, List<LedgerEntry> published) throws SQLException;

  /** How many committed entries this cursor has still to pass. */
  long backlog(Connection direct) throws SQLException;

  /**
   * Runs a cursor's read ({@code relay}, {@code limit} as parameters): the cursors differ in SQL.
   */
  static List<LedgerEntry> read(Connection session, String sql, String relay, int limit)
      throws SQLException {
    try (PreparedStatement next = session.prepareStatement(sql)) {
      next.setString(1, relay);
      next.setInt(2, limit);
      List<LedgerEntry> entries = new ArrayList<>();
      try (ResultSet rows = next.executeQuery()) {
        while (rows.next()) {
          entries.add(LedgerEntry.read(rows));
        }
      }
      return entries;
    }
  }

  /** Runs a cursor's backlog count ({@code relay} as its parameter). */
  static long count(Connection direct, String sql, String relay) throws SQLException {
    try (PreparedStatement backlog = direct.prepareStatement(sql)) {
      backlog.setString(1, relay);
      try (ResultSet row = backlog.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
