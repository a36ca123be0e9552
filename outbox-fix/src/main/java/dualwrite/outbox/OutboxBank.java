package dualwrite.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.InTransaction;
import dualwrite.bank.ledger.Ledger;
import dualwrite.bank.spi.Instance;

/**
 * One life of the outbox bank: it records the transaction and its event in ONE database
 * transaction, and answers the client after the commit. It never talks to Kafka.
 */
final class OutboxBank implements Bank, Instance {

  private final HikariDataSource database;
  private final Tripwire tripwire;

  OutboxBank(HikariDataSource database, Tripwire tripwire) {
    this.database = database;
    this.tripwire = tripwire;
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region outbox-write
    TransactionRecorded event =
        InTransaction.run(
            database,
            tripwire,
            connection -> {
              TransactionRecorded recorded = Ledger.record(connection, request);
              Outbox.append(connection, recorded); // the same transaction: both rows or neither
              return recorded;
            });
    tripwire.pass(OutboxCrashPoints.AFTER_DB_COMMIT); // harmless: the relay publishes the row
    return new Receipt(event.transactionId(), event.eventId(), event.sequence());
    // endregion outbox-write
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
