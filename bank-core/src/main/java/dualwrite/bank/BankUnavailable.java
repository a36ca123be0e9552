package dualwrite.bank;

/** The bank is down (crashed or stopped) and did not take the request: nothing happened. */
public class BankUnavailable extends TransactionFailed {

  public BankUnavailable(String message) {
    super(message);
  }
}
