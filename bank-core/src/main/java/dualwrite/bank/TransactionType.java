package dualwrite.bank;

import java.util.Locale;

/** What a client asks the bank to record. Deposits credit the account; the others debit it. */
public enum TransactionType {
  DEPOSIT(+1),
  WITHDRAWAL(-1),
  PAYMENT(-1),
  PURCHASE(-1);

  private final int sign;

  TransactionType(int sign) {
    this.sign = sign;
  }

  /** The amount's effect on the balance: positive for a credit, negative for a debit. */
  public long balanceEffect(long amountMinor) {
    return sign * amountMinor;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code purchase} or {@code PURCHASE}. */
  public static TransactionType fromLabel(String label) {
    try {
      return valueOf(label.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown transaction type '" + label + "': deposit, withdrawal, payment or purchase");
    }
  }
}
