package dualwrite.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * How the CDC relay marks a published batch: the log can show a row before PostgreSQL shows it (the
 * inserting transaction's commit record is on disk, and so decoded, a moment before the transaction
 * counts as committed for others), and an UPDATE run in that moment passes the row over, with
 * nothing to mark it again. So the mark is repeated until one look, in one snapshot, finds every
 * row of the batch there and marked.
 *
 * <p>That look must be a single statement. The relay once asked "how many did the UPDATE mark?" and
 * then "how many rows are there?": a row that became visible between the two was counted as there
 * by the second and never marked by the first, and its event, published, stayed "still to publish"
 * for ever (CI: CDC scenarios 17, 41 and 36 unknown, one row unmarked each). {@code
 * PublishedMarksTest} makes that moment happen on purpose.
 */
public final class PublishedMarks {

  /** One snapshot: how many of the rows are there, and how many of those are still unmarked. */
  private static final String LOOK =
      """
      SELECT count(*), count(*) FILTER (WHERE published_at IS NULL)
        FROM bank.outbox WHERE id = ANY (:ids)
      """;

  private PublishedMarks() {}

  /** Checked between rounds: throws when the caller is stopping. */
  @FunctionalInterface
  public interface StillRunning {
    void check() throws InterruptedException;
  }

  /**
   * Marks every row of {@code ids} published by {@code relay}, in the caller's open transaction
   * (READ COMMITTED: each statement sees what has committed by its start), waiting up to {@code
   * wait} for rows not there yet. A row still absent after that was deleted since (retention, when
   * a replay comes long after the rows were published): there is nothing left to mark.
   *
   * @return how many rows were absent when it gave up: 0 when every row is marked
   */
  public static int markEvery(
      NamedParameterJdbcOperations jdbc,
      List<Long> ids,
      String relay,
      Duration wait,
      StillRunning running)
      throws InterruptedException {
    if (ids.isEmpty()) {
      return 0;
    }
    MapSqlParameterSource look =
        new MapSqlParameterSource("ids", new SqlArrayValue("bigint", ids.toArray()));
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Outbox.markPublished(jdbc, ids, relay);
      Seen seen =
          jdbc.queryForObject(LOOK, look, (row, n) -> new Seen(row.getInt(1), row.getInt(2)));
      if (seen.unmarked() > 0) {
        running.check();
        continue; // came into view after the UPDATE began: the next UPDATE sees it
      }
      if (seen.there() == ids.size() || System.nanoTime() > deadline) {
        return ids.size() - seen.there();
      }
      Thread.sleep(1);
      running.check();
    }
  }

  private record Seen(int there, int unmarked) {}
}
