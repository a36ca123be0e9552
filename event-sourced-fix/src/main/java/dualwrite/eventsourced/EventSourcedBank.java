package dualwrite.eventsourced;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.Transactions;
import dualwrite.bank.spi.Instance;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One life of the event-sourced bank: appends each transaction to its account's stream in one
 * database transaction, retrying a bounded number of times when another writer took the version. It
 * never talks to Kafka.
 */
final class EventSourcedBank implements Bank, Instance {

  /** How many times one request may lose the race for its account's next version. */
  static final int MAX_ATTEMPTS = 30;

  private final HikariDataSource database;
  private final Transactions transactions;
  private final NamedParameterJdbcTemplate jdbc;

  EventSourcedBank(HikariDataSource database, Tripwire tripwire) {
    this.database = database;
    this.transactions = new Transactions(database, tripwire);
    this.jdbc = new NamedParameterJdbcTemplate(database);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region record
    for (int attempt = 1; ; attempt++) {
      try {
        LedgerEntry entry =
            transactions.run(
                () -> {
                  transactions.passAfterCommit(EventSourcedCrashPoints.AFTER_DB_COMMIT);
                  return AccountLedger.append(jdbc, request);
                });
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
