package dualwrite.bank.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What is left of the hand-written transactions, now that {@link Transactions} runs them on
 * Spring's {@code TransactionTemplate}: the quiet rollback that the fraud consumer's inbox still
 * calls until its own move to spring-jdbc. Delete it with that last caller.
 */
public final class InTransaction {

  private InTransaction() {}

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
