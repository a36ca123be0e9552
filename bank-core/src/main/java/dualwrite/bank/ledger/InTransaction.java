package dualwrite.bank.ledger;

import dualwrite.bank.Component;
import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one database transaction and tells the caller truthfully what happened: a failure
 * before the commit was sent means nothing was recorded ({@link TransactionFailed}); a failure of
 * the commit itself means nobody knows ({@link OutcomeUnknown}): PostgreSQL may have committed just
 * before the connection died.
 */
public final class InTransaction {

  /** Work done inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws Exception;
  }

  /**
   * The work is done and COMMIT is about to be sent. A crash here abandons the transaction; a link
   * cut here makes the commit's outcome unknown to the client.
   */
  public static final CrashPoint BEFORE_COMMIT =
      new CrashPoint(
          Component.BANK,
          "before-commit",
          "the transaction's work is done and COMMIT is about to be sent");

  private static final Tripwire NO_TRIPWIRE = new Crashes().tripwire(() -> {});

  private InTransaction() {}

  /**
   * Opens a transaction, runs {@code work}, commits.
   *
   * @throws TransactionFailed when the work failed and the transaction was rolled back (or never
   *     began)
   * @throws OutcomeUnknown when the commit failed: it may or may not have happened
   */
  public static <T> T run(DataSource database, Work<T> work) throws TransactionFailed {
    return run(database, NO_TRIPWIRE, work);
  }

  /**
   * The same, passing {@link #BEFORE_COMMIT} on the way.
   *
   * @throws TransactionFailed when the work failed and the transaction was rolled back (or never
   *     began)
   * @throws OutcomeUnknown when the commit failed: it may or may not have happened
   */
  public static <T> T run(DataSource database, Tripwire tripwire, Work<T> work)
      throws TransactionFailed {
    Connection connection;
    try {
      connection = database.getConnection();
    } catch (SQLException e) {
      throw new TransactionFailed("the database is unavailable: " + e.getMessage(), e);
    }
    try {
      T result;
      try {
        result = work.apply(connection);
      } catch (Exception e) {
        rollbackQuietly(connection);
        if (e instanceof TransactionFailed failed) {
          throw failed;
        }
        throw new TransactionFailed("rolled back: " + e.getMessage(), e);
      }
      tripwire.pass(BEFORE_COMMIT);
      try {
        connection.commit();
      } catch (SQLException e) {
        throw new OutcomeUnknown("the commit's outcome is unknown: " + e.getMessage(), e);
      }
      return result;
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // the outcome is already decided; a pool that cannot take the connection back drops it
    }
  }

  /**
   * Rolls back, and says nothing if it cannot: a connection that is gone has no transaction left,
   * since the server rolls back (and releases the locks) on its own.
   */
  public static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is gone; so is its transaction
    }
  }
}
