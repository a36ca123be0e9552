package dualwrite.naive;

import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.ledger.Ledger;
import java.util.concurrent.ExecutionException;

/**
 * Commit, then publish. It looks safe: nothing is published that was not committed. But a crash
 * after the commit, or a Kafka that does not answer, loses the event; and then the client is told
 * the transaction failed although the money moved.
 */
final class DbThenKafka extends NaiveBank {

  DbThenKafka(Parts parts) {
    super(parts);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region db-then-kafka
    TransactionRecorded event =
        transactions.run(
            () -> {
              transactions.passAfterCommit(NaiveCrashPoints.AFTER_DB_COMMIT);
              return Ledger.record(jdbc, request);
            });
    try {
      publishAndWait(event);
    } catch (ExecutionException e) {
      throw new TransactionFailed("could not publish the event", e); // but it is committed
    }
    return receipt(event);
    // endregion db-then-kafka
  }
}
