package dualwrite.outbox;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * How a polling relay finds the rows it publishes next, in its open transaction. The fix claims
 * lanes ({@link #lanes}); the two others are foils that teams shipped and then found in their issue
 * trackers.
 */
interface Claim {

  /** Up to {@code limit} rows to publish now, oldest first; locks, if any, last until commit. */
  List<OutboxRow> claim(NamedParameterJdbcOperations jdbc, int limit);

  /** The batch's rows are marked published: a cursor moves past them. */
  default void published(List<OutboxRow> rows) {}

  /** The fix: a share of the lanes, each lane an account's queue held by one relay at a time. */
  static Claim lanes(int lanesPerClaim) {
    return (jdbc, limit) -> Outbox.claim(jdbc, lanesPerClaim, limit);
  }

  /** How many rows the work-queue foil locks at a time. */
  int ROWS_PER_LOCK = 4;

  // region skip-locked-rows
  /**
   * The foil {@code outbox/skip-locked-rows}: each relay locks the oldest pending rows that no
   * other relay holds. Two relays split an account's rows between them, and whichever publishes
   * first wins: if the one holding the account's earlier row is slower, or dies, the later row is
   * on the topic first.
   */
  static Claim lockedRows() {
    return (jdbc, limit) ->
        jdbc.query(
            """
            SELECT id, event_id, account_id, payload::text FROM bank.outbox
             WHERE published_at IS NULL AND parked_at IS NULL
             ORDER BY id
             LIMIT :limit
             FOR UPDATE SKIP LOCKED
            """,
            new MapSqlParameterSource("limit", Math.min(limit, ROWS_PER_LOCK)),
            Outbox.ROW);
  }

  // endregion skip-locked-rows

  // region id-cursor
  /**
   * The foil {@code outbox/id-cursor}: the relay remembers the highest id it published and asks for
   * the rows above it. Ids are handed out when a transaction inserts its row, not when it commits:
   * a transaction that took id 41 and commits after the one that took 42 is invisible when the
   * relay reads 42, and below the cursor ever after.
   */
  static Claim idCursor() {
    return new Claim() {
      private Long lastId;

      @Override
      public List<OutboxRow> claim(NamedParameterJdbcOperations jdbc, int limit) {
        if (lastId == null) {
          // a fresh relay starts after the last row its predecessors published
          lastId =
              jdbc.getJdbcOperations()
                  .queryForObject(
                      "SELECT coalesce(max(id), 0) FROM bank.outbox WHERE published_at IS NOT NULL",
                      Long.class);
        }
        return jdbc.query(
            """
            SELECT id, event_id, account_id, payload::text FROM bank.outbox
             WHERE id > :lastId AND parked_at IS NULL
             ORDER BY id
             LIMIT :limit
            """,
            new MapSqlParameterSource("lastId", lastId).addValue("limit", limit),
            Outbox.ROW);
      }

      @Override
      public void published(List<OutboxRow> rows) {
        rows.stream()
            .mapToLong(OutboxRow::id)
            .max()
            .ifPresent(max -> lastId = Math.max(lastId, max));
      }
    };
  }

  // endregion id-cursor
}
