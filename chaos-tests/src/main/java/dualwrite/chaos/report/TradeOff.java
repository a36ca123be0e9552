package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Checker;
import dualwrite.chaos.checker.Verdict;
import java.util.Locale;

/**
 * What a run cost on each side of the dual write: the customers it refused, and how long the fraud
 * service waited once the faults were over. With the naive dual write a Kafka outage refuses
 * requests (or loses their events); with an outbox or event sourcing it only delays events.
 *
 * @param requests the clients' requests: their {@code record} operations in the history
 * @param accepted how many of them were answered {@code ok}
 * @param availability the verdict's {@link Verdict#availability()}: {@code accepted / requests}, or
 *     null when the run made no request or its verdict predates the figure
 * @param delayAfterHealMs the verdict's {@link Verdict#delayAfterHealMs()}, or null
 * @param lost committed transactions whose event never reached the topic ({@code lost})
 * @param unchecked committed transactions on the topic the fraud service never checked ({@code
 *     unchecked})
 */
public record TradeOff(
    long requests,
    long accepted,
    Double availability,
    Long delayAfterHealMs,
    int lost,
    int unchecked) {

  /** Nothing measured: a verdict without the figures. */
  static final TradeOff NONE = new TradeOff(0, 0, null, null, 0, 0);

  /** Under a second after the heal, the fraud service had caught up: a short delay. */
  static final long SHORT_MS = 1000;

  public static TradeOff of(Verdict verdict) {
    return new TradeOff(
        verdict.counts().invoked(),
        verdict.counts().ok(),
        verdict.availability(),
        verdict.delayAfterHealMs(),
        verdict.of(Anomaly.LOST).size(),
        verdict.of(Anomaly.UNCHECKED).size());
  }

  /** Requests not answered ok: failed, unknown (info) or never answered. */
  long refused() {
    return requests - accepted;
  }

  /** {@code 50%}, {@code 100%}, {@code 91.7%}; a dash when not measured. */
  String availabilityText() {
    if (availability == null) {
      return "\u2014";
    }
    double percent = availability * 100;
    return percent == Math.rint(percent)
        ? String.format(Locale.ROOT, "%.0f%%", percent)
        : String.format(Locale.ROOT, "%.1f%%", percent);
  }

  /** {@code refused 2 of 4}, {@code accepted all 12}; a dash when not measured. */
  public String customers() {
    if (availability == null) {
      return "\u2014";
    }
    return refused() == 0 ? "accepted all " + requests : "refused " + refused() + " of " + requests;
  }

  /** {@code 2.90 s}, {@code 30.0 ms}; a dash when not measured or nothing was broken. */
  String delayText() {
    return delayAfterHealMs == null ? "\u2014" : Format.millis((double) delayAfterHealMs);
  }

  /**
   * What the fraud service saw: {@code caught up 2.90 s after the heal}, {@code lost 2; the rest
   * caught up 30.0 ms after the heal}, {@code lost 2}; a dash when nothing was broken (or the
   * figure predates the verdict). The events were delayed for the whole outage; this is how long
   * the delay lasted past its end.
   */
  public String fraudService() {
    String caughtUp = "caught up " + delayText() + " after the heal";
    if (neverChecked() == 0) {
      return delayAfterHealMs == null ? "\u2014" : caughtUp;
    }
    return missing() + (delayAfterHealMs == null ? "" : "; the rest " + caughtUp);
  }

  /** {@code lost 2}, {@code lost 2, unchecked 1}; null when the fraud service checked them all. */
  String missing() {
    if (neverChecked() == 0) {
      return null;
    }
    return lost > 0 && unchecked > 0
        ? "lost " + lost + ", unchecked " + unchecked
        : lost > 0 ? "lost " + lost : "unchecked " + unchecked;
  }

  /** Committed transactions the fraud service never checked: lost or unchecked. */
  int neverChecked() {
    return lost + unchecked;
  }

  /**
   * The availability's colour: {@code all} accepted, {@code some} refused (less than half), {@code
   * most} refused (half or more), {@code none} when not measured.
   */
  String availabilityTone() {
    if (availability == null) {
      return "none";
    }
    if (refused() == 0 && availability >= 1.0) {
      return "all";
    }
    return availability > 0.5 ? "some" : "most";
  }

  /**
   * The delay's colour: {@code never} when a committed transaction was never checked, {@code short}
   * within {@link #SHORT_MS}, {@code long} within the checker's delivery bound, {@code late} beyond
   * it, {@code none} when not measured.
   */
  String delayTone() {
    if (neverChecked() > 0) {
      return "never";
    }
    if (delayAfterHealMs == null) {
      return "none";
    }
    if (delayAfterHealMs <= SHORT_MS) {
      return "short";
    }
    return delayAfterHealMs <= Checker.DELIVERY_BOUND.toMillis() ? "long" : "late";
  }
}
