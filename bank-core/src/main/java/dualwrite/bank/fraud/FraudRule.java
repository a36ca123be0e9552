package dualwrite.bank.fraud;

import dualwrite.bank.Money;
import dualwrite.bank.TransactionRecorded;

/**
 * The fraud-detection service's rule, kept simple on purpose: the lab is about whether each event
 * arrives once, not about catching fraudsters. A debit above the limit is flagged.
 *
 * @param limitMinor the largest debit, in minor units, that is not flagged
 */
public record FraudRule(long limitMinor) {

  /** Flags debits over 5,000.00. */
  public static final FraudRule DEFAULT = new FraudRule(500_000);

  /** The outcome of one check. */
  public record Assessment(boolean flagged, String reason) {}

  public Assessment assess(TransactionRecorded event) {
    boolean debit = event.type().balanceEffect(event.amountMinor()) < 0;
    if (debit && event.amountMinor() > limitMinor) {
      return new Assessment(
          true, "debit of " + Money.format(event.amountMinor()) + " is over the limit");
    }
    return new Assessment(false, null);
  }
}
