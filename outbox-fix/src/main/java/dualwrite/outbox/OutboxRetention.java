package dualwrite.outbox;

import java.time.Duration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * Deletes published outbox rows once they are older than the retention period. Unpublished rows are
 * never deleted (they are the relay's work), nor parked ones (an operator has to look at them). The
 * relays run it every {@link OutboxSettings#retentionEvery()}.
 */
public final class OutboxRetention {

  private static final String DELETE_OLD_PUBLISHED =
      """
      DELETE FROM bank.outbox
       WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => :seconds)
      """;

  private OutboxRetention() {}

  /**
   * Deletes, in the caller's transaction, the rows published more than {@code retention} ago.
   *
   * @return how many rows were deleted
   */
  public static int deletePublishedOlderThan(
      NamedParameterJdbcOperations jdbc, Duration retention) {
    return jdbc.update(
        DELETE_OLD_PUBLISHED, new MapSqlParameterSource("seconds", retention.toMillis() / 1000.0));
  }
}
