package dualwrite.bank.fraud;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Transactions whose rollback never hides why they rolled back. A rollback on a broken connection
 * (the instance was killed and its pool closed, or the link was cut) fails too; the pool drops that
 * connection and PostgreSQL rolls back on its own, so the failure of the work, a {@link
 * dualwrite.bank.crash.Crash} among them, is what the caller must see.
 */
final class QuietRollbacks extends DataSourceTransactionManager {

  private static final Logger log = LoggerFactory.getLogger(QuietRollbacks.class);

  QuietRollbacks(DataSource database) {
    super(database);
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    try {
      super.doRollback(status);
    } catch (DataAccessException | TransactionException e) {
      log.debug("rollback failed; the pool drops the connection: {}", e.toString());
    }
  }
}
