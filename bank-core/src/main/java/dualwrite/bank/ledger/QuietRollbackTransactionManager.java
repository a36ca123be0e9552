package dualwrite.bank.ledger;

import javax.sql.DataSource;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's transaction manager for one connection pool, whose rollback says nothing when it cannot
 * reach the database: a connection that is gone has no transaction left, since the server rolls
 * back (and releases the locks) on its own. Spring would otherwise throw the failed rollback in
 * place of what made it roll back, and a {@code Crash} (the instance already killed, its pool
 * closed) would come out as a rollback error. The bank, the relays and the fraud service's inbox
 * all run their transactions on it.
 */
public final class QuietRollbackTransactionManager extends DataSourceTransactionManager {

  private static final Logger log = LoggerFactory.getLogger(QuietRollbackTransactionManager.class);

  public QuietRollbackTransactionManager(DataSource database) {
    super(database);
    // Spring names its logger after the class, which would put five lines of Spring's own per
    // transaction under this lab's "dualwrite" category (debug in the tests' logs): 83% of a
    // contract suite's log. Under Spring's name they follow Spring's level; this class's own line
    // below stays under its name.
    logger = LogFactory.getLog(DataSourceTransactionManager.class);
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    try {
      super.doRollback(status);
    } catch (DataAccessException | TransactionException e) {
      // the connection is gone; so is its transaction, and the pool drops the connection
      log.debug("rollback failed on a broken connection: {}", e.toString());
    }
  }
}
