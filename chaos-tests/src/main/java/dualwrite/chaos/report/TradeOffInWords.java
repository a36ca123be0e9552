package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict;

/**
 * The trade-off of a run in words: the customers it refused and how long it kept the fraud service
 * waiting, short for a line and in full for the run page.
 *
 * @param measured false for a verdict written before the lab measured the trade-off
 * @param customers {@code refused 2 of 4}, {@code accepted all 12}; a dash when not measured
 * @param fraudService {@code caught up 2.90 s after the heal}, {@code lost 2}; null when nothing
 *     was held up or nothing was measured
 * @param customersInFull {@code the bank refused 2 of 4 requests: 2 failed, 0 unknown (info), 0
 *     never answered}
 * @param fraudServiceInFull what the delay after healing counts, or why there is none
 */
public record TradeOffInWords(
    boolean measured,
    String customers,
    String fraudService,
    String customersInFull,
    String fraudServiceInFull) {

  static TradeOffInWords of(Verdict verdict) {
    TradeOff t = TradeOff.of(verdict);
    String fraud = t.fraudService();
    return new TradeOffInWords(
        t.availability() != null,
        t.customers(),
        fraud.equals("\u2014") ? null : fraud,
        customersInFull(verdict, t),
        fraudServiceInFull(verdict, t));
  }

  /** {@code customers: refused 2 of 4; fraud service: caught up 2.90 s after the heal}. */
  public String line() {
    return "customers: "
        + customers
        + (fraudService == null ? "" : "; fraud service: " + fraudService);
  }

  private static String customersInFull(Verdict verdict, TradeOff t) {
    if (t.availability() == null) {
      return t.requests() == 0
          ? "the run made no request"
          : "not measured: this run's verdict was written before the lab measured it";
    }
    if (t.refused() == 0) {
      return "the bank accepted all " + t.requests() + " requests";
    }
    long failed = verdict.counts().failed();
    long unknown = verdict.counts().info();
    long unanswered = Math.max(0, t.refused() - failed - unknown);
    return "the bank "
        + t.customers()
        + " requests: "
        + failed
        + " failed, "
        + unknown
        + " unknown (info), "
        + unanswered
        + " never answered";
  }

  private static String fraudServiceInFull(Verdict verdict, TradeOff t) {
    if (t.delayAfterHealMs() != null) {
      return "from the end of the last fault that landed until the fraud service had checked every"
          + " committed transaction that got through"
          + (t.missing() == null
              ? ""
              : "; " + t.neverChecked() + " never got there (" + t.missing() + ")");
    }
    if (t.availability() == null) {
      return "not measured";
    }
    if (verdict.faults().isEmpty()) {
      return "the run had no fault: nothing was held up";
    }
    if (verdict.landed().isEmpty()) {
      return "no fault landed: nothing was held up";
    }
    return "the fraud service checked no committed transaction"
        + (t.missing() == null ? "" : ": " + t.missing());
  }
}
