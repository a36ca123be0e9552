package dualwrite.bank;

/** Formats amounts held in minor units. */
public final class Money {

  private Money() {}

  /** {@code 4000} becomes {@code 40.00}. */
  public static String format(long amountMinor) {
    String sign = amountMinor < 0 ? "-" : "";
    long abs = Math.abs(amountMinor);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }
}
