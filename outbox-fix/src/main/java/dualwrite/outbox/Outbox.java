package dualwrite.outbox;

import dualwrite.bank.EventJson;
import dualwrite.bank.TransactionRecorded;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The SQL of the outbox table ({@code bank.outbox}): the bank appends, relays claim, mark and park.
 * Every statement runs in the caller's transaction (the template joins it) and takes its values as
 * bind parameters.
 */
final class Outbox {

  private static final String APPEND =
      """
      INSERT INTO bank.outbox (event_id, account_id, event_type, payload)
      VALUES (:event, :account, :type, :payload::json)
      """;

  /** As many lanes as V2__outbox.sql creates: {@code hashtext(account_id) & 15}. */
  static final int LANES = 16;

  /**
   * Locks at most a relay's share of the lanes (the LIMIT: {@link #lanesPerClaim}) that have work
   * and that no other relay holds. SKIP LOCKED is on the lanes, not on the rows: skipping a locked
   * row would let a relay publish an account's later event while another relay still holds its
   * earlier one. NO KEY UPDATE is the weakest lock that two relays cannot both hold. The order is
   * random: a relay that holds fewer lanes than have work and took them in lane order would take
   * the low lanes again after every batch, while the high ones waited.
   */
  // region claim-lanes
  private static final String CLAIM_LANES =
      """
      SELECT l.lane FROM bank.outbox_lanes l
       WHERE EXISTS (SELECT 1 FROM bank.outbox o
                      WHERE o.lane = l.lane AND o.published_at IS NULL AND o.parked_at IS NULL)
       ORDER BY random()
       LIMIT :lanes
       FOR NO KEY UPDATE SKIP LOCKED
      """;

  private static final String PENDING_IN_LANES =
      """
      SELECT id, event_id, account_id, payload::text FROM bank.outbox
       WHERE lane = ANY (:lanes) AND published_at IS NULL AND parked_at IS NULL
       ORDER BY id
       LIMIT :limit
      """;
  // endregion claim-lanes

  private static final String MARK_PUBLISHED =
      """
      UPDATE bank.outbox
         SET published_at = clock_timestamp(), published_by = :relay, attempts = attempts + 1,
             last_error = NULL
       WHERE id = ANY (:ids) AND published_at IS NULL
      """;

  private static final String RECORD_FAILURE =
      "UPDATE bank.outbox SET attempts = attempts + 1, last_error = :error WHERE id = :id";

  private static final String PARK =
      """
      UPDATE bank.outbox SET parked_at = clock_timestamp(), parked_reason = last_error
       WHERE id = ANY (:ids) AND attempts >= :maxAttempts AND parked_at IS NULL
      RETURNING id
      """;

  static final String BACKLOG =
      "SELECT count(*) FROM bank.outbox WHERE published_at IS NULL AND parked_at IS NULL";

  /** What an id-cursor relay will still read: the rows above the highest one published. */
  private static final String BACKLOG_ABOVE_CURSOR =
      """
      SELECT count(*) FROM bank.outbox
       WHERE parked_at IS NULL
         AND id > (SELECT coalesce(max(id), 0) FROM bank.outbox WHERE published_at IS NOT NULL)
      """;

  private static final int MAX_ERROR_LENGTH = 500;

  private Outbox() {}

  /** Reads a row as a relay publishes it: id, event id, account, payload, in that order. */
  static final RowMapper<OutboxRow> ROW =
      (ResultSet rows, int n) ->
          new OutboxRow(
              rows.getLong(1),
              rows.getObject(2, UUID.class),
              rows.getString(3),
              rows.getString(4).getBytes(StandardCharsets.UTF_8));

  /** Writes the event's row in the open transaction, beside its ledger row. */
  static void append(NamedParameterJdbcOperations jdbc, TransactionRecorded event) {
    jdbc.update(
        APPEND,
        new MapSqlParameterSource("event", event.eventId())
            .addValue("account", event.accountId())
            .addValue("type", TransactionRecorded.EVENT_TYPE)
            .addValue("payload", new String(EventJson.write(event), StandardCharsets.UTF_8)));
  }

  /**
   * How many lanes one claim takes when {@code relays} relays share the outbox: an equal share,
   * rounded up so that together they can hold every lane. One relay takes all 16, as if alone; two
   * take 8 each, so the second finds work while the first holds its share. A fixed share needs no
   * count of the live relays: when one dies, the survivors keep their share per claim, and since
   * each claim draws its lanes at random, the dead relay's lanes come into their claims too.
   */
  static int lanesPerClaim(int relays) {
    return (LANES + relays - 1) / relays;
  }

  /**
   * Claims work in the open transaction: locks up to {@code maxLanes} free lanes that have pending
   * rows and returns up to {@code limit} of their rows, oldest first. The locks last until the
   * transaction ends, so a relay that dies releases its lanes with its connection.
   */
  static List<OutboxRow> claim(NamedParameterJdbcOperations jdbc, int maxLanes, int limit) {
    List<Short> lanes =
        jdbc.queryForList(CLAIM_LANES, new MapSqlParameterSource("lanes", maxLanes), Short.class);
    if (lanes.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        PENDING_IN_LANES,
        new MapSqlParameterSource("lanes", new SqlArrayValue("smallint", lanes.toArray()))
            .addValue("limit", limit),
        ROW);
  }

  /**
   * Marks rows published by {@code relay}, in the open transaction.
   *
   * @return how many rows it marked: not those marked before, nor those it cannot see yet
   */
  static int markPublished(NamedParameterJdbcOperations jdbc, List<Long> ids, String relay) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        MARK_PUBLISHED, new MapSqlParameterSource("relay", relay).addValue("ids", ids(ids)));
  }

  /**
   * Counts a failed attempt for each row, with its error. Rows whose failure is the record's own
   * fault ({@code poison}) are parked once they reach {@code maxAttempts}.
   *
   * @param failures each failed row's id and error
   * @param poison the ids among them that Kafka refused for the record itself
   * @return the ids of the rows it parked
   */
  static List<Long> recordFailures(
      NamedParameterJdbcOperations jdbc,
      Map<Long, Throwable> failures,
      List<Long> poison,
      int maxAttempts) {
    if (failures.isEmpty()) {
      return List.of();
    }
    jdbc.batchUpdate(
        RECORD_FAILURE,
        failures.entrySet().stream()
            .map(
                failure ->
                    new MapSqlParameterSource("error", describe(failure.getValue()))
                        .addValue("id", failure.getKey()))
            .toArray(SqlParameterSource[]::new));
    if (poison.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList(
        PARK,
        new MapSqlParameterSource("ids", ids(poison)).addValue("maxAttempts", maxAttempts),
        Long.class);
  }

  /**
   * The id-cursor foil's backlog: the rows it will still read. A row below its cursor is not in it,
   * although it was never published: the foil has passed it for good.
   */
  static long backlogAboveCursor(Connection direct) throws SQLException {
    return count(direct, BACKLOG_ABOVE_CURSOR);
  }

  /**
   * Rows still to publish: neither published nor parked. Plain JDBC on the harness's direct
   * connection, whose callers ({@code Deployment#backlog}) handle {@link SQLException}.
   */
  static long backlog(Connection direct) throws SQLException {
    return count(direct, BACKLOG);
  }

  private static long count(Connection direct, String sql) throws SQLException {
    try (PreparedStatement count = direct.prepareStatement(sql);
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  static String describe(Throwable error) {
    String text = error.getClass().getSimpleName() + ": " + error.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  private static SqlArrayValue ids(List<Long> ids) {
    return new SqlArrayValue("bigint", ids.toArray());
  }
}
