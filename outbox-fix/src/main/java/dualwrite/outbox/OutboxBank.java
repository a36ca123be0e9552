package dualwrite.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.Ledger;
import dualwrite.bank.ledger.Transactions;
import dualwrite.bank.spi.Instance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One life of the outbox bank: it records the transaction and its event in ONE database
 * transaction, and answers the client after the commit. It never talks to Kafka.
 */
final class OutboxBank implements Bank, Instance {

  private final HikariDataSource database;
  private final Transactions transactions;
  private final NamedParameterJdbcTemplate jdbc;

  OutboxBank(HikariDataSource database, Tripwire tripwire) {
    this.database = database;
    this.transactions = new Transactions(database, tripwire);
    this.jdbc = new NamedParameterJdbcTemplate(database);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region outbox-write
    TransactionRecorded event =
        transactions.run(
            () -> {
              TransactionRecorded recorded = Ledger.record(jdbc, request);
              Outbox.append(jdbc, recorded); // the same transaction: both rows or neither
              // harmless: the relay publishes the row
              transactions.passAfterCommit(OutboxCrashPoints.AFTER_DB_COMMIT);
              return recorded;
            });
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
