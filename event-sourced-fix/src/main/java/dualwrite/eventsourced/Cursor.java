package dualwrite.eventsourced;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where a relay is in the ledger: reads the committed entries past its saved position, and moves
 * the position past entries that Kafka has acknowledged. The position lives in {@code
 * bank.relay_positions}, so a fresh relay resumes where the last one stopped.
 */
sealed interface Cursor permits GapSafeCursor, NaiveIdCursor {

  /**
   * Up to {@code limit} entries past the position, in the order the position moves through them.
   */
  List<LedgerEntry> next(Connection session, int limit) throws SQLException;

  /** Moves the position past {@code published}, a batch that {@link #next} returned. */
  void save(Connection session, List<LedgerEntry> published) throws SQLException;

  /** How many committed entries this cursor has still to pass. */
  long backlog(Connection direct) throws SQLException;
}
