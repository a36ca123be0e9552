package dualwrite.naive;

import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.ledger.Ledger;
import dualwrite.bank.ledger.Transactions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publish first, then record. It looks safe the other way round: no committed transaction can miss
 * its event. But when the commit fails after Kafka took the event, the fraud service checks a
 * transaction that never happened: a phantom.
 *
 * <p>The event carries the account's next sequence number, read before the transaction; a lock per
 * account in this process keeps two requests from promising the same number.
 */
final class KafkaThenDb extends NaiveBank {

  private final Map<String, ReentrantLock> accountLocks = new ConcurrentHashMap<>();

  /** For the read of the next sequence: no crash point, it commits nothing. */
  private final Transactions reads;

  KafkaThenDb(Parts parts) {
    super(parts);
    this.reads = new Transactions(database);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    ReentrantLock lock =
        accountLocks.computeIfAbsent(request.accountId(), a -> new ReentrantLock());
    lock.lock();
    try {
      return publishThenRecord(request);
    } finally {
      lock.unlock();
    }
  }

  private Receipt publishThenRecord(TransactionRequest request) throws TransactionFailed {
    // region kafka-then-db
    long next = nextSequence(request.accountId());
    TransactionRecorded event =
        TransactionRecorded.of(
            request, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), next);
    try {
      publishAndWait(event);
    } catch (Exception e) {
      throw new TransactionFailed("could not publish the event", e);
    }
    tripwire.pass(NaiveCrashPoints.AFTER_PUBLISH);
    TransactionRecorded recorded =
        transactions.run(() -> Ledger.record(jdbc, request, event.eventId()));
    // endregion kafka-then-db
    if (recorded.sequence() != event.sequence()) {
      throw new IllegalStateException("the account's sequence moved while it was locked");
    }
    return receipt(event);
  }

  private long nextSequence(String accountId) throws TransactionFailed {
    return reads.run(() -> Ledger.lastSequence(jdbc, accountId) + 1);
  }
}
