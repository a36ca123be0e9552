package dualwrite.naive;

import dualwrite.bank.EventRecords;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commit, then hand the event to the producer and answer at once. Fast, and the client never sees
 * Kafka's trouble; but the event waits in the producer's memory, and a crash there loses every
 * event still buffered, for transactions the client was told are done.
 */
final class FireAndForget extends NaiveBank {

  private static final Logger log = LoggerFactory.getLogger(FireAndForget.class);

  FireAndForget(Parts parts) {
    super(parts);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region fire-and-forget
    TransactionRecorded event =
        transactions.run(
            () -> {
              transactions.passAfterCommit(NaiveCrashPoints.AFTER_DB_COMMIT);
              return Ledger.record(jdbc, request);
            });
    producer.send(
        EventRecords.toRecord(topic, event),
        (metadata, error) -> {
          if (error != null) {
            // the client was told "done" long ago: all this code can do is write a line
            log.info("event {} was not published: {}", event.eventId(), error.toString());
          }
        });
    tripwire.pass(NaiveCrashPoints.AFTER_SEND_CALL);
    // endregion fire-and-forget
    return receipt(event);
  }
}
