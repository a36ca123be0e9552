package dualwrite.chaos.grade;

import dualwrite.bank.spi.LearnerCode;
import dualwrite.eventsourced.Cursor;
import dualwrite.eventsourced.LedgerEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The learner's cursor, with what it throws told to the grade. The relay retries after it; an
 * unchecked exception goes to the relay as an {@link SQLException}, which it takes for trouble that
 * passes (logged at debug, in the log file), not for a bug of the lab (a warning with its trace on
 * the console).
 */
final class ReportingCursor implements Cursor {

  private final Cursor learner;

  ReportingCursor(Cursor learner) {
    this.learner = learner;
  }

  @Override
  public List<LedgerEntry> next(Connection session, int limit) throws SQLException {
    return reporting(() -> learner.next(session, limit));
  }

  @Override
  public void save(Connection session, List<LedgerEntry> published) throws SQLException {
    reporting(
        () -> {
          learner.save(session, published);
          return null;
        });
  }

  @Override
  public long backlog(Connection direct) throws SQLException {
    return learner.backlog(direct);
  }

  /** A call into the learner's code. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws SQLException;
  }

  private static <T> T reporting(Call<T> call) throws SQLException {
    try {
      return call.run();
    } catch (SQLException e) {
      LearnerCode.threw("relay", e);
      throw e;
    } catch (RuntimeException e) {
      LearnerCode.threw("relay", e);
      throw new SQLException("the workshop's cursor threw: " + e, e);
    }
  }
}
