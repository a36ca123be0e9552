package dualwrite.chaos.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run that did not settle still held, read from its database: the oldest outbox rows still
 * to publish (and whether rows written after them went out, which tells a skipped row from a relay
 * that stopped), the run's replication slots and the CDC relay's stored position. An unknown
 * verdict in CI leaves no run folder behind, so its message is the only place this can be read.
 */
final class StuckWork {

  private static final String OLDEST_UNPUBLISHED =
      """
      SELECT id, event_id, attempts, last_error,
             round(extract(epoch FROM clock_timestamp() - created_at) * 1000)::bigint,
             (SELECT count(*) FROM bank.outbox later
               WHERE later.id > stuck.id AND later.published_at IS NOT NULL)
        FROM bank.outbox stuck
       WHERE published_at IS NULL AND parked_at IS NULL
       ORDER BY id LIMIT 3
      """;

  private static final String SLOTS =
      """
      SELECT slot_name, active, restart_lsn, confirmed_flush_lsn, pg_current_wal_lsn()
        FROM pg_replication_slots WHERE database = current_database() ORDER BY slot_name
      """;

  private static final String STORED_POSITIONS =
      "SELECT offset_value FROM bank.cdc_offsets ORDER BY offset_key";

  private StuckWork() {}

  /**
   * A line about each thing found, or why it could not be read; empty when the database holds
   * nothing a strategy leaves behind (the naive strategy, the event-sourced ledger's positions).
   */
  static String describe(Connection direct) {
    List<String> found = new ArrayList<>();
    try {
      if (exists(direct, "bank.outbox")) {
        found.addAll(unpublished(direct));
      }
      found.addAll(slots(direct));
      if (exists(direct, "bank.cdc_offsets")) {
        found.addAll(storedPositions(direct));
      }
    } catch (SQLException e) {
      found.add("could not look closer: " + e.getMessage());
    }
    return String.join("; ", found);
  }

  private static List<String> unpublished(Connection direct) throws SQLException {
    return lines(
        direct,
        OLDEST_UNPUBLISHED,
        row -> {
          String error = row.getString(4);
          return "outbox row "
              + row.getLong(1)
              + " (event "
              + row.getString(2)
              + ", written "
              + row.getLong(5)
              + " ms before, "
              + row.getInt(3)
              + " attempts"
              + (error == null ? "" : ", last error " + error)
              + ") unpublished while "
              + row.getLong(6)
              + " later rows were published";
        });
  }

  private static List<String> slots(Connection direct) throws SQLException {
    return lines(
        direct,
        SLOTS,
        row ->
            "slot "
                + row.getString(1)
                + (row.getBoolean(2) ? " streamed" : " not streamed")
                + ", restart "
                + row.getString(3)
                + ", confirmed "
                + row.getString(4)
                + ", WAL at "
                + row.getString(5));
  }

  private static List<String> storedPositions(Connection direct) throws SQLException {
    return lines(direct, STORED_POSITIONS, row -> "stored CDC position " + row.getString(1));
  }

  /** One line of text per row a query returns. */
  private static List<String> lines(Connection direct, String sql, Line line) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement query = direct.prepareStatement(sql);
        ResultSet row = query.executeQuery()) {
      while (row.next()) {
        lines.add(line.of(row));
      }
    }
    return lines;
  }

  /** A row in words. */
  @FunctionalInterface
  private interface Line {
    String of(ResultSet row) throws SQLException;
  }

  private static boolean exists(Connection direct, String table) throws SQLException {
    try (PreparedStatement query = direct.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      query.setString(1, table);
      try (ResultSet row = query.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }
}
