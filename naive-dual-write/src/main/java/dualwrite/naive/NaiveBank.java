package dualwrite.naive;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.Bank;
import dualwrite.bank.EventRecords;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.Transactions;
import dualwrite.bank.spi.Instance;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What every naive variant holds: a connection pool with its transactions and SQL template, a
 * producer, and its tripwire.
 */
abstract class NaiveBank implements Bank, Instance {

  /** The parts an instance is made of; they die with it. */
  record Parts(
      HikariDataSource database,
      KafkaProducer<String, byte[]> producer,
      String topic,
      Tripwire tripwire) {}

  protected final HikariDataSource database;
  protected final KafkaProducer<String, byte[]> producer;
  protected final String topic;
  protected final Tripwire tripwire;
  protected final Transactions transactions;
  protected final NamedParameterJdbcTemplate jdbc;

  NaiveBank(Parts parts) {
    this.database = parts.database();
    this.producer = parts.producer();
    this.topic = parts.topic();
    this.tripwire = parts.tripwire();
    this.transactions = new Transactions(database, tripwire);
    this.jdbc = new NamedParameterJdbcTemplate(database);
  }

  /** Sends the event and blocks until Kafka acknowledges it (or the send fails). */
  protected void publishAndWait(TransactionRecorded event) throws ExecutionException {
    try {
      producer.send(EventRecords.toRecord(topic, event)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while waiting for Kafka", e);
    }
  }

  protected static Receipt receipt(TransactionRecorded event) {
    return new Receipt(event.transactionId(), event.eventId(), event.sequence());
  }

  /** Dies: unsent events in the producer's buffer are dropped, open transactions abandoned. */
  @Override
  public void kill() {
    producer.close(Duration.ZERO);
    database.close();
  }

  @Override
  public void stop() {
    producer.close(Duration.ofSeconds(5));
    database.close();
  }
}
