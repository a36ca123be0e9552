package dualwrite.chaos.checker;

import dualwrite.chaos.checker.Verdict.Lag;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Validates a history against the truth. It compares three sources (the committed transactions, the
 * records on the topic, the fraud checks) and the clients' view of each operation, and names every
 * anomaly by the transactions it hit. It never throws: a failure is an unknown verdict.
 *
 * <p>It indexes the truth once ({@link IndexedTruth}), then runs small checks, each about one
 * promise, and composes what they found into the verdict: {@link DeliveryCheck}, {@link
 * ClientCheck}, {@link OrderCheck}, {@link LagCheck} and {@link FaultCoverage}.
 */
public final class Checker {

  /** How long after healing every event must have been checked, by default. */
  public static final Duration DELIVERY_BOUND = Duration.ofSeconds(10);

  /** How the note begins that lays a loss at Kafka's door (unclean leader election was on). */
  public static final String KAFKA_BROKE_ITS_PROMISE =
      "Kafka broke its promise here, not the strategy";

  private final Duration deliveryBound;

  public Checker(Duration deliveryBound) {
    this.deliveryBound = deliveryBound;
  }

  public Checker() {
    this(DELIVERY_BOUND);
  }

  /**
   * Checks a history for anomalies only: its faults, if any, are not judged (the verdict lists
   * none), because without the history's start time they cannot be set against the truth; the delay
   * after healing then counts from {@code healedAt}.
   *
   * @param ops the history's operations
   * @param truth what the servers hold
   * @param healedAt when the last fault ended, or null if there was none
   */
  public Verdict check(List<Op> ops, Truth truth, Instant healedAt) {
    return check(new Observation(ops, null, truth, healedAt, true, null));
  }

  /**
   * Checks a run: its anomalies, then whether its faults landed, then the trade-off's two figures
   * (see {@link #availability} and {@link #delayAfterHealMs}). A run that kept every promise while
   * none of its faults landed is vacuous; a run that did not settle is unknown, whatever it seemed
   * to lose.
   */
  public Verdict check(Observation run) {
    try {
      IndexedTruth truth = IndexedTruth.of(run.truth());
      Verdict verdict = judge(run.ops(), truth, run.healedAt());
      FaultCoverage coverage = FaultCoverage.of(run);
      verdict =
          new Verdict(
              verdict.valid(),
              verdict.anomalies(),
              verdict.counts(),
              verdict.lag(),
              verdict.unresolved(),
              verdict.reason(),
              coverage.faults(),
              verdict.notes(),
              availability(run.ops()),
              LagCheck.delayAfterHealMs(truth, coverage.healedAt()));
      return run.settled() ? coverage.judge(verdict) : unsettled(verdict);
    } catch (RuntimeException e) {
      return Verdict.unknown("the checker failed: " + e)
          .withTradeOff(availability(run.ops()), null);
    }
  }

  /**
   * The share of the clients' requests that got {@code ok}, from 0 to 1, or null when there was
   * none. A request is a client's {@code record} operation: its invoke opens it, and it counts as
   * served only when its answer is {@code ok}; {@code fail}, {@code info} and no answer at all are
   * the same to the customer, who was not served. The truth plays no part: a request that committed
   * although its client was told it failed was still refused.
   */
  public static Double availability(List<Op> ops) {
    return ClientCheck.availability(ops);
  }

  /**
   * How long after the heal the fraud service finished catching up, in milliseconds: for each
   * committed transaction that was checked, the wait from the heal (or from its commit, if it
   * committed after the heal) to its first check; the longest of these. It is {@link
   * Lag#afterHealMs()}'s measure from another instant. Transactions that were never checked are not
   * in it. Null when {@code heal} is null (nothing was broken) or when no committed transaction was
   * checked.
   */
  public static Long delayAfterHealMs(Truth truth, Instant heal) {
    return heal == null || truth == null
        ? null
        : LagCheck.delayAfterHealMs(IndexedTruth.of(truth), heal);
  }

  /**
   * The anomalies, composed from the checks that each look at one promise: delivery, the clients'
   * outcomes, order and lag. Faults and the trade-off's figures come later.
   */
  private Verdict judge(List<Op> ops, IndexedTruth truth, Instant healedAt) {
    Findings delivery = DeliveryCheck.check(truth);
    Findings order = OrderCheck.check(truth);
    ClientCheck.Outcomes clients = ClientCheck.check(ops, truth);
    LagCheck.Measured lag = LagCheck.check(truth, healedAt, deliveryBound);
    Findings found = Findings.merge(delivery, order, clients.found(), lag.found());
    return new Verdict(
        found.invalid() ? Validity.INVALID : Validity.VALID,
        found.byLabel(),
        counts(clients, truth, found),
        lag.lag(),
        clients.unresolved(),
        null,
        List.of(),
        LossNotes.of(found.of(Anomaly.LOST), truth, ops));
  }

  /** The clients' operations, then the truth's rows, records and checks, then the anomalies. */
  private static Counts counts(ClientCheck.Outcomes clients, IndexedTruth truth, Findings found) {
    List<Truth.Published> records = truth.truth().published();
    return new Counts(
        clients.count(Op.Type.INVOKE),
        clients.count(Op.Type.OK),
        clients.count(Op.Type.FAIL),
        clients.count(Op.Type.INFO),
        truth.committed().size(),
        records.size(),
        records.stream().filter(p -> !p.readable()).count(),
        truth.deliveries().size(),
        truth.truth().checks().size(),
        found.counted());
  }

  /** A run that did not settle claims nothing, but a reader wants to know how it stood. */
  private static Verdict unsettled(Verdict verdict) {
    return verdict.asUnknown(
        "the run did not settle: work was still in flight when the settle time ran out"
            + (verdict.found().isEmpty()
                ? ""
                : "; as it stood: " + String.join(", ", verdict.anomalyCounts())));
  }
}
