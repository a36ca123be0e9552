package dualwrite.bank;

/** What a client of Tributary Bank sees: one call to record a transaction. */
public interface Bank {

  /**
   * Records a transaction and publishes (or arranges to publish) its {@code TransactionRecorded}
   * event.
   *
   * @return the receipt, when the bank tells the client the transaction is recorded
   * @throws TransactionFailed when the bank tells the client it was not recorded
   * @throws RuntimeException any other failure: the client cannot know whether it was recorded
   */
  Receipt record(TransactionRequest request) throws TransactionFailed;
}
