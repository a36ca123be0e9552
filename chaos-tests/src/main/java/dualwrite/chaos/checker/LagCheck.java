package dualwrite.chaos.checker;

import dualwrite.chaos.checker.Verdict.Lag;
import dualwrite.chaos.checker.Verdict.Quantiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long events took to get through: from commit to the first record on the topic and to the
 * first fraud check, the longest wait after the heal, and the transactions checked later than the
 * delivery bound after healing ({@code late}).
 */
final class LagCheck {

  /** The lag, and the late transactions. */
  record Measured(Lag lag, Findings found) {}

  private LagCheck() {}

  /**
   * @param healedAt when the final heal completed, or null when nothing was broken
   * @param deliveryBound how long after healing every event must have been checked
   */
  static Measured check(IndexedTruth truth, Instant healedAt, Duration deliveryBound) {
    Findings found = new Findings();
    List<Double> toPublish = new ArrayList<>();
    List<Double> toCheck = new ArrayList<>();
    long afterHeal = -1;
    for (Truth.Committed transaction : truth.committed()) {
      Instant committedAt = transaction.committedAt();
      if (committedAt == null) {
        continue;
      }
      truth
          .firstPublished(transaction.transactionId())
          .ifPresent(first -> toPublish.add(millisBetween(committedAt, first)));
      Optional<Instant> checked = truth.firstChecked(transaction.transactionId());
      if (checked.isPresent()) {
        toCheck.add(millisBetween(committedAt, checked.get()));
        long waited = waitedMs(healedAt, committedAt, checked.get());
        afterHeal = Math.max(afterHeal, waited);
        if (waited > deliveryBound.toMillis()) {
          found.add(Anomaly.LATE, transaction.transactionId());
        }
      }
    }
    Lag lag =
        new Lag(
            Quantiles.of(toPublish),
            Quantiles.of(toCheck),
            healedAt == null || afterHeal < 0 ? null : afterHeal);
    return new Measured(lag, found);
  }

  /**
   * The longest wait from the heal (or from the commit, if later) to the first check, over every
   * committed row that was checked; null when {@code heal} is null or none was checked. See {@link
   * Checker#delayAfterHealMs}.
   */
  static Long delayAfterHealMs(IndexedTruth truth, Instant heal) {
    if (heal == null) {
      return null;
    }
    Long longest = null;
    for (Truth.Committed transaction : truth.truth().committed()) {
      Optional<Instant> checked = truth.firstChecked(transaction.transactionId());
      if (checked.isPresent() && transaction.committedAt() != null) {
        long waited = waitedMs(heal, transaction.committedAt(), checked.get());
        longest = longest == null ? waited : Math.max(longest, waited);
      }
    }
    return longest;
  }

  /**
   * How long a transaction waited for its check once nothing held it up: from the heal, or from its
   * commit if it committed after the heal; never less than 0.
   */
  private static long waitedMs(Instant heal, Instant committedAt, Instant checkedAt) {
    Instant from = heal != null && heal.isAfter(committedAt) ? heal : committedAt;
    return Math.max(0, Duration.between(from, checkedAt).toMillis());
  }

  private static double millisBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos() / 1e6);
  }
}
