package dualwrite.bank;

/** A record on the topic that is not a {@code TransactionRecorded} event this code can read. */
public class MalformedEvent extends Exception {

  public MalformedEvent(String reason) {
    super(reason);
  }

  public MalformedEvent(String reason, Throwable cause) {
    super(reason, cause);
  }
}
