package dualwrite.workshop;

import java.sql.Connection;
import org.apache.kafka.clients.producer.Producer;

/**
 * Exercise 9: the transactional outbox's polling relay. The bank writes each transaction's event
 * into {@code bank.outbox} in the same database transaction as the ledger row; this relay carries
 * the rows to Kafka. Grade it with {@code ./lab grade relay}.
 *
 * <h2>The table</h2>
 *
 * <pre>
 * bank.outbox (
 *   id           bigint  -- the order the rows were written in; for one account, commit order
 *   event_id     uuid
 *   account_id   text    -- the record's key
 *   payload      json    -- the record's value: the event's JSON, byte for byte as written
 *   published_at timestamptz  -- null until a relay has published the row
 *   published_by text         -- which relay marked it (optional)
 *   parked_at    timestamptz  -- set only by a relay that parks a row it can never publish
 * )
 * </pre>
 *
 * Rows are pending while {@code published_at IS NULL AND parked_at IS NULL}. {@code
 * dualwrite.bank.EventRecords.toRecord(topic, accountId, eventId, payloadBytes)} makes the Kafka
 * record the fraud service expects.
 *
 * <h2>The contract</h2>
 *
 * <ol>
 *   <li><b>Nothing lost:</b> a row is marked published only after Kafka has acknowledged its
 *       record. A row marked too early, whose record then never arrives, is an event lost for good.
 *   <li><b>Account order:</b> each account's events reach the topic in the order of their rows.
 *       Several relays may run this code at the same time (the lab starts two in some scenarios):
 *       two of them must never publish one account's rows side by side. And once a record of a
 *       batch has failed, no later record of that batch may get through before it is sent again.
 *   <li><b>Restarts:</b> the lab kills a relay anywhere (as SIGKILL would: your objects are gone,
 *       your transaction is rolled back) and starts a fresh instance of this class, loaded afresh:
 *       even static fields start over. Everything a relay must know after a restart has to be in
 *       the database.
 *   <li><b>Faults:</b> PostgreSQL or Kafka may be slow, cut off, or down for a while. Throw, and
 *       the lab rolls back your transaction, closes your producer, pauses, and calls you again with
 *       a fresh connection and a fresh producer. Never swallow a failed send. If you close the
 *       producer yourself, the next call gets a fresh one.
 *   <li><b>Duplicates are allowed</b> (the fraud service's inbox removes them); losses, phantoms
 *       and reordering are not.
 *   <li><b>Speed:</b> drain a backlog at 5,000 events/s or more, and keep the commit-to-check lag
 *       p99 within 250 ms at 200 transactions per second.
 * </ol>
 *
 * <h2>What the lab does around it</h2>
 *
 * It calls {@link #relayOnce} in a loop on one thread per relay ({@code relay-1}, {@code relay-2}),
 * waiting 20 ms after a call that returns 0. Its crash points are in the objects it hands you:
 * {@code mid-batch} fires when your {@code send()} has just handed a record to the producer, {@code
 * after-publish} when you commit a transaction in which you sent records, before the commit reaches
 * PostgreSQL.
 */
public final class OutboxRelay {

  /**
   * Publishes a batch of pending rows, in order, and marks them published once Kafka has them.
   *
   * @param database a connection through the relay's PostgreSQL link, auto-commit off: commit what
   *     you mean to keep; the lab rolls back what you leave open
   * @param producer a producer through the relay's Kafka link, {@code acks=all} and idempotent;
   *     {@code send()} returns a future that completes when Kafka acknowledges the record
   * @param topic the topic the events go to
   * @return how many rows this call published (0: nothing was pending)
   * @throws Exception when something failed: the lab rolls back, closes the producer, pauses and
   *     calls again
   */
  public int relayOnce(Connection database, Producer<String, byte[]> producer, String topic)
      throws Exception {
    throw new UnsupportedOperationException(
        "exercise 9 is not done yet: write OutboxRelay.relayOnce"
            + " (docs/exercises/09-build-the-relay.md)");
  }
}
