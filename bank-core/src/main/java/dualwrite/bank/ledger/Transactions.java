package dualwrite.bank.ledger;

import dualwrite.bank.Component;
import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import javax.sql.DataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in one database transaction, through Spring's {@link TransactionTemplate}, and tells
 * the caller truthfully what happened: a failure before the commit was sent means nothing was
 * recorded ({@link TransactionFailed}); a failure of the commit itself means nobody knows ({@link
 * OutcomeUnknown}): PostgreSQL may have committed just before the connection died.
 *
 * <p>The work reaches the transaction's connection through a {@code JdbcTemplate} (or {@code
 * NamedParameterJdbcTemplate}) over the same pool. The crash points at the commit are transaction
 * synchronizations, so they fire exactly where the commit is: {@link #BEFORE_COMMIT} just before
 * COMMIT is sent, and {@link #passAfterCommit} once it has returned.
 */
public final class Transactions {

  /** Work done inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws Exception;
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

  private final TransactionTemplate template;
  private final Tripwire tripwire;

  /** Transactions on {@code database} that pass {@link #BEFORE_COMMIT} through {@code tripwire}. */
  public Transactions(DataSource database, Tripwire tripwire) {
    this.template = new TransactionTemplate(new QuietRollbackTransactionManager(database));
    this.tripwire = tripwire;
  }

  /** Transactions on {@code database} with no crash points. */
  public Transactions(DataSource database) {
    this(database, NO_TRIPWIRE);
  }

  /**
   * Opens a transaction, runs {@code work}, commits.
   *
   * @throws TransactionFailed when the work failed and the transaction was rolled back (or never
   *     began)
   * @throws OutcomeUnknown when the commit failed: it may or may not have happened
   */
  public <T> T run(Work<T> work) throws TransactionFailed {
    try {
      return template.execute(
          status -> {
            atCommit(
                new TransactionSynchronization() {
                  @Override
                  public void beforeCommit(boolean readOnly) {
                    tripwire.pass(BEFORE_COMMIT);
                  }
                });
            return apply(work);
          });
    } catch (CannotCreateTransactionException e) {
      throw new TransactionFailed("the database is unavailable: " + reason(e), e);
    } catch (WorkFailed e) {
      if (e.getCause() instanceof TransactionFailed failed) {
        throw failed;
      }
      throw new TransactionFailed("rolled back: " + reason(e.getCause()), e.getCause());
    } catch (TransactionSystemException e) {
      // a rollback is quiet (QuietRollbackTransactionManager): this one comes from the commit
      throw new OutcomeUnknown("the commit's outcome is unknown: " + reason(e), e);
    }
  }

  /**
   * Passes {@code point} once the running transaction has committed, before {@link #run} returns.
   * Call it from the work.
   */
  public void passAfterCommit(CrashPoint point) {
    atCommit(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            tripwire.pass(point);
          }
        });
  }

  private static void atCommit(TransactionSynchronization synchronization) {
    TransactionSynchronizationManager.registerSynchronization(synchronization);
  }

  /** Runs the work; whatever it throws (not a {@code Crash}: an Error) rolls back. */
  private static <T> T apply(Work<T> work) {
    try {
      return work.run();
    } catch (Exception e) {
      throw new WorkFailed(e);
    }
  }

  /** The message of the failure at the bottom: the driver's, not Spring's wrapping. */
  private static String reason(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  /** Carries the work's exception through the template, which rolls back on it. */
  private static final class WorkFailed extends RuntimeException {
    WorkFailed(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
