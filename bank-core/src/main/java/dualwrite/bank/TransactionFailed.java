package dualwrite.bank;

/**
 * The bank's definite answer that a transaction was NOT recorded. A truthful bank throws it only
 * when it knows nothing was committed; any other exception from {@link Bank#record} means the
 * outcome is unknown.
 */
public class TransactionFailed extends Exception {

  public TransactionFailed(String message) {
    super(message);
  }

  public TransactionFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
