package dualwrite.chaos.checker;

import dualwrite.chaos.checker.Verdict.Validity;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Whether the run's faults landed (see {@link FaultOutcome}), when the last one that landed ended,
 * and whether a run that kept every promise proves anything: one whose faults all missed is
 * vacuous.
 *
 * @param faults every fault of the run, landed or missed; none when the history's start is unknown
 * @param healedAt when the last fault that landed ended, or, when the faults were not judged, when
 *     the final heal completed; null when nothing was broken
 */
record FaultCoverage(List<FaultOutcome> faults, Instant healedAt) {

  /** Judges the run's faults, if its start time is known. */
  static FaultCoverage of(Observation run) {
    if (run.startedAt() == null) {
      return new FaultCoverage(List.of(), run.healedAt());
    }
    List<FaultOutcome.Judged> judged =
        FaultOutcome.judgeSpans(run.ops(), run.startedAt(), run.truth(), run.linksInUse());
    return new FaultCoverage(
        judged.stream().map(FaultOutcome.Judged::outcome).toList(),
        lastHeal(judged, run.startedAt()));
  }

  /**
   * The verdict, made vacuous when it is valid while none of the run's faults landed: it kept every
   * promise, but nothing tested them.
   */
  Verdict judge(Verdict verdict) {
    if (verdict.valid() != Validity.VALID
        || faults.isEmpty()
        || faults.stream().anyMatch(FaultOutcome::landed)) {
      return verdict;
    }
    return new Verdict(
        Validity.VACUOUS,
        verdict.anomalies(),
        verdict.counts(),
        verdict.lag(),
        verdict.unresolved(),
        "none of its " + faults.size() + " faults landed",
        faults,
        verdict.notes(),
        verdict.availability(),
        verdict.delayAfterHealMs());
  }

  /**
   * When the last fault that landed ended, or null when none landed: from then on nothing was
   * broken, and whatever was held up could go through. A fault that missed delayed nothing.
   */
  private static Instant lastHeal(List<FaultOutcome.Judged> judged, Instant startedAt) {
    OptionalLong end =
        judged.stream().filter(j -> j.outcome().landed()).mapToLong(j -> j.span().endNanos()).max();
    return end.isPresent() ? startedAt.plusNanos(end.getAsLong()) : null;
  }
}
