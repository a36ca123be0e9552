package dualwrite.bank;

/**
 * The bank cannot tell whether a transaction was recorded: the connection died while the commit was
 * under way. The client must treat the outcome as unknown (Jepsen's {@code info}).
 */
public class OutcomeUnknown extends RuntimeException {

  public OutcomeUnknown(String message, Throwable cause) {
    super(message, cause);
  }
}
