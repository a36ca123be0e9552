package dualwrite.naive;

import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.ledger.Ledger;

/**
 * Send inside the transaction, commit only if Kafka acknowledged. It feels atomic, and it is not:
 * Kafka cannot take part in PostgreSQL's transaction. A commit that fails after the acknowledgement
 * leaves a phantom, and while the bank waits for Kafka it holds the account's row lock.
 */
final class SendInTransaction extends NaiveBank {

  SendInTransaction(Parts parts) {
    super(parts);
  }

  @Override
  public Receipt record(TransactionRequest request) throws TransactionFailed {
    // region send-in-transaction
    TransactionRecorded event =
        transactions.run(
            () -> {
              TransactionRecorded recorded = Ledger.record(jdbc, request);
              publishAndWait(recorded); // the row lock is held while Kafka answers
              tripwire.pass(NaiveCrashPoints.AFTER_PUBLISH);
              return recorded;
            });
    // endregion send-in-transaction
    return receipt(event);
  }
}
