package dualwrite.workshop;

import dualwrite.bank.fraud.BatchHandler;
import java.util.List;
import javax.sql.DataSource;

/**
 * Exercise 10: the fraud service's inbox. Kafka delivers every event at least once, and a relay
 * that died between publishing and marking sends some twice; the fraud service must still check
 * each transaction exactly once. Grade it with {@code ./lab grade inbox}.
 *
 * <h2>The tables (schema {@code fraud})</h2>
 *
 * <pre>
 * fraud.processed_events (event_id uuid PRIMARY KEY)   -- the inbox: the events already handled
 * fraud.fraud_checks (                                  -- one row per check
 *   event_id uuid, transaction_id uuid, account_id text, sequence bigint,
 *   amount_minor bigint, flagged boolean, reason text)
 * </pre>
 *
 * {@code dualwrite.bank.fraud.FraudRule.DEFAULT.assess(event)} gives {@code flagged} and {@code
 * reason}; the event's {@code sequence()} goes into {@code sequence}.
 *
 * <h2>The contract</h2>
 *
 * <ol>
 *   <li><b>Exactly once:</b> every event gets exactly one row in {@code fraud.fraud_checks},
 *       however often Kafka delivers it, also twice in one batch.
 *   <li><b>One transaction:</b> the inbox row and the check commit together, or not at all. The lab
 *       crashes the service just before and just after your commit ({@code before-db-commit},
 *       {@code after-db-commit}) and fails your commits; no crash and no failure may leave an event
 *       remembered and unchecked, or checked twice.
 *   <li><b>Offsets after the commit:</b> commit the batch's offsets (the offset of the last record
 *       of each partition, plus one) with {@code offsets.commitSync}, and only after the database
 *       commit. An offset committed too early skips a batch for good; one never committed makes the
 *       lab wait for the service forever.
 *   <li><b>Failures:</b> throw, and the lab reads the batch again from its first offsets after a
 *       pause and hands it to you again.
 *   <li><b>Speed:</b> check events at least half as fast as the lab's own inbox does.
 * </ol>
 *
 * <p>The lab keeps the rest of the service: it reads every partition of the topic, polls, parks
 * malformed records on the dead-letter topic, and starts a fresh instance of this class after each
 * crash, loaded afresh: nothing in memory survives a crash, static fields included.
 */
public final class FraudInbox implements BatchHandler {

  /**
   * Checks one polled batch and commits its offsets.
   *
   * @param batch the events of one poll, in the order Kafka delivered them, each with its partition
   *     and offset
   * @param database the fraud service's database, through its link; connections start with
   *     auto-commit off
   * @param offsets commits the service's Kafka offsets
   */
  @Override
  public void handle(List<Delivery> batch, DataSource database, Offsets offsets) throws Exception {
    throw new UnsupportedOperationException(
        "exercise 10 is not done yet: write FraudInbox.handle"
            + " (docs/exercises/10-build-the-inbox.md)");
  }
}
