package dualwrite.bank.ledger;

import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in one transaction on Spring's {@link TransactionTemplate}, for the relays: their work
 * may throw its own checked exception (an interrupted wait for Kafka), which comes out as it went
 * in, after the rollback. The database's failures are Spring's runtime exceptions; a relay backs
 * off on any of them, so it needs no truth about a failed commit beyond that it failed.
 */
public final class TransactionRunner {

  /** Work done inside the transaction. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  private final TransactionTemplate template;

  public TransactionRunner(DataSource database) {
    this.template = new TransactionTemplate(new QuietRollbackTransactionManager(database));
  }

  /** Opens a transaction, runs {@code work}, commits; rolls back if anything was thrown. */
  @SuppressWarnings("unchecked")
  public <T, E extends Exception> T run(Work<T, E> work) throws E {
    try {
      return template.execute(
          status -> {
            try {
              return work.run();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new Carried(e);
            }
          });
    } catch (Carried carried) {
      throw (E) carried.getCause();
    }
  }

  /** Carries the work's checked exception through the template, which rolls back on it. */
  private static final class Carried extends RuntimeException {
    Carried(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
