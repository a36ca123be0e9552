package dualwrite.chaos.property;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A claim about every run, stated as the anomalies it forbids: {@code noCommittedTransactionIsLost}
 * forbids {@code lost}. A verdict the checker could not reach (unknown) fails every property: the
 * lab could not show the claim holds. A vacuous verdict neither keeps nor breaks one.
 *
 * @param name the claim, as a sentence in camel case
 * @param forbidden the anomalies that break it
 */
public record Property(String name, Set<Anomaly> forbidden) {

  /** No transaction is committed without its event reaching the topic. */
  public static final Property NO_COMMITTED_TRANSACTION_IS_LOST =
      new Property("noCommittedTransactionIsLost", Set.of(Anomaly.LOST));

  /** No event reaches the topic for a transaction that never committed. */
  public static final Property NO_EVENT_IS_A_PHANTOM =
      new Property("noEventIsAPhantom", Set.of(Anomaly.PHANTOM));

  /** The fraud service checks every committed transaction, once. */
  public static final Property EVERY_COMMITTED_TRANSACTION_IS_CHECKED_EXACTLY_ONCE =
      new Property(
          "everyCommittedTransactionIsCheckedExactlyOnce",
          Set.of(Anomaly.PROCESSED_TWICE, Anomaly.UNCHECKED));

  /** Each account's events reach the topic in the order its transactions committed. */
  public static final Property PER_ACCOUNT_ORDER_IS_KEPT =
      new Property("perAccountOrderIsKept", Set.of(Anomaly.OUT_OF_ORDER));

  /** After the last fault heals, every event is checked within the delivery bound. */
  public static final Property EVERYTHING_IS_DELIVERED_WITHIN_THE_BOUND_AFTER_HEALING =
      new Property("everythingIsDeliveredWithinTheBoundAfterHealing", Set.of(Anomaly.LATE));

  /** What the bank tells a client is true: ok means committed, fail means not. */
  public static final Property CLIENTS_ARE_TOLD_THE_TRUTH =
      new Property(
          "clientsAreToldTheTruth",
          Set.of(Anomaly.FAILED_BUT_COMMITTED, Anomaly.OK_BUT_NOT_COMMITTED));

  /**
   * The properties of docs/08-property-based-chaos.md, which the fixes must keep under every
   * generated scenario.
   */
  public static final List<Property> OF_A_FIX =
      List.of(
          NO_COMMITTED_TRANSACTION_IS_LOST,
          NO_EVENT_IS_A_PHANTOM,
          EVERY_COMMITTED_TRANSACTION_IS_CHECKED_EXACTLY_ONCE,
          PER_ACCOUNT_ORDER_IS_KEPT,
          EVERYTHING_IS_DELIVERED_WITHIN_THE_BOUND_AFTER_HEALING,
          CLIENTS_ARE_TOLD_THE_TRUTH);

  /**
   * True when the verdict shows the claim kept: a definite verdict (valid, or invalid for other
   * reasons) without the anomalies it forbids. A vacuous or unknown verdict shows nothing, so it
   * never counts as held.
   */
  public boolean holdsFor(Verdict verdict) {
    return definite(verdict) && forbidden.stream().allMatch(a -> verdict.of(a).isEmpty());
  }

  /**
   * True when the verdict shows the claim broken: definite, and with an anomaly it forbids. Only
   * such a run is a counterexample; the shrinker keeps a smaller scenario only when this holds.
   */
  public boolean brokenBy(Verdict verdict) {
    return definite(verdict) && forbidden.stream().anyMatch(a -> !verdict.of(a).isEmpty());
  }

  /**
   * The first run that breaks the claim, else the first that the checker could not judge (unknown),
   * or empty: a counterexample comes first, because only it can be shrunk. A vacuous run neither
   * keeps nor breaks the claim; the suites bound how many there may be.
   */
  public Optional<RunResult> firstFailure(List<RunResult> results) {
    return results.stream()
        .filter(r -> brokenBy(r.verdict()))
        .findFirst()
        .or(
            () ->
                results.stream().filter(r -> r.verdict().valid() == Validity.UNKNOWN).findFirst());
  }

  private static boolean definite(Verdict verdict) {
    return verdict.valid() == Validity.VALID || verdict.valid() == Validity.INVALID;
  }
}
