package dualwrite.bank.ledger;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's transaction manager for one connection pool, whose rollback says nothing when it cannot
 * reach the database: a connection that is gone has no transaction left, since the server rolls
 * back (and releases the locks) on its own. Spring would otherwise throw the failed rollback in
 * place of what made it roll back, and a {@code Crash} (the instance already killed, its pool
 * closed) would come out as a rollback error.
 */
public final class QuietRollbackTransactionManager extends DataSourceTransactionManager {

  public QuietRollbackTransactionManager(DataSource database) {
    super(database);
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    try {
      super.doRollback(status);
    } catch (TransactionSystemException e) {
      // the connection is gone; so is its transaction
    }
  }
}
