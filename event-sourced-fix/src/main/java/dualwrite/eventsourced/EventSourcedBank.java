package dualwrite.eventsourced;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.InTransaction;
import dualwrite.bank.spi.Instance;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One life of the event-sourced bank: appends each transaction to its account's stream in one
 * database transaction, retrying a bounded number of times when another writer took the version. It
 * never talks to Kafka.
 */
final class EventSourcedBank implements Bank, Instance {

  /** How many times one request may lose the race for its account's next version. */
  static final int MAX_ATTEMPTS = 30;

  private final HikariDataSource database;
  private final Tripwire tripwire;

  EventSourcedBank(HikariDataSource database, Tripwire tripwire) {
    this.database = database;
    this.tripwire = tripwire;
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region record
    for (int attempt = 1; ; attempt++) {
      try {
        LedgerEntry entry =
            InTransaction.run(
                database, tripwire, connection -> AccountLedger.append(connection, request));
        tripwire.pass(EventSourcedCrashPoints.AFTER_DB_COMMIT);
        return new Receipt(entry.transactionId(), entry.eventId(), entry.version());
      } catch (TransactionFailed failed) {
        if (!(failed.getCause() instanceof VersionConflict)) {
          throw failed; // rolled back for another reason: nothing was recorded
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new TransactionFailed(
              "gave up after " + attempt + " version conflicts on " + request.accountId(), failed);
        }
        backOff(attempt); // the account moved on: read it again, in a new transaction
      }
    }
    // endregion record
  }

  /** A short random pause, so that writers who collided do not collide again in step. */
  private static void backOff(int attempt) throws TransactionFailed {
    long bound = Math.min(2L * attempt, 20); // up to 2, 4, ... 20 ms
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactionFailed("interrupted while retrying a version conflict", e);
    }
  }

  /** Dies: open transactions are abandoned, and PostgreSQL rolls them back. */
  @Override
  public void kill() {
    database.close();
  }

  @Override
  public void stop() {
    database.close();
  }
}
