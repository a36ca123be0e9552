package dualwrite.chaos.property;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coverage bar, counted from verdicts: what it counts, and each way to fall short of it. */
class CoverageNamesWhatFellShortTest {

  private static final FaultOutcome CRASH_REACHED =
      new FaultOutcome("crash(relay-1, mid-batch #1)", "crash", "relay:mid-batch", true, "reached");
  private static final FaultOutcome CRASH_MISSED =
      new FaultOutcome("crash(relay-1, mid-batch #1)", "crash", "relay:mid-batch", false, "never");
  private static final FaultOutcome DOWN_LANDED =
      new FaultOutcome("down(relay->kafka)", "down", "relay->kafka", true, "backlog");

  @Test
  void itCountsArmedAndReachedPerPointAndArmedAndLandedPerKind() {
    Coverage coverage =
        Coverage.of(
            List.of(
                verdict(Validity.VALID, CRASH_REACHED, DOWN_LANDED),
                verdict(Validity.VALID, CRASH_MISSED, DOWN_LANDED)));

    assertThat(coverage.crashPoints())
        .containsExactly(Map.entry("relay:mid-batch", new Coverage.Reached(2, 1)));
    assertThat(coverage.faultKinds())
        .containsEntry("crash", new Coverage.Landed(2, 1))
        .containsEntry("down", new Coverage.Landed(2, 2));
  }

  @Test
  void theFaultsOfARunTheCheckerCouldNotJudgeDoNotCount() {
    Coverage coverage = Coverage.of(List.of(verdict(Validity.UNKNOWN, CRASH_REACHED, DOWN_LANDED)));

    assertThat(coverage.runs()).isEqualTo(1);
    assertThat(coverage.faultKinds()).as("an unknown run showed nothing").isEmpty();
  }

  @Test
  void eachShortfallIsNamed() {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.addAll(Collections.nCopies(18, verdict(Validity.VALID, CRASH_REACHED)));
    verdicts.addAll(Collections.nCopies(2, verdict(Validity.VACUOUS, CRASH_MISSED)));

    List<String> shortfalls =
        Coverage.of(verdicts)
            .shortfalls(
                List.of("relay:mid-batch", "bank:after-db-commit"), List.of("crash", "stall"));

    assertThat(shortfalls)
        .as("2 of 20 vacuous is over 5%%; a point never armed; a kind never armed")
        .containsExactly(
            "2 of 20 runs were vacuous (at most 5%)",
            "crash point bank:after-db-commit reached 0 times (armed 0), needs 5",
            "fault kind stall landed 0 times (armed 0), needs 3");
  }

  @Test
  void onePercentVacuousOfAHundredRunsIsWithinTheBar() {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.addAll(Collections.nCopies(95, verdict(Validity.VALID, CRASH_REACHED)));
    verdicts.addAll(Collections.nCopies(5, verdict(Validity.VACUOUS, CRASH_MISSED)));

    assertThat(Coverage.of(verdicts).shortfalls(List.of("relay:mid-batch"), List.of("crash")))
        .as("5 of 100 is at the bar, not over it")
        .isEmpty();
    verdicts.add(verdict(Validity.VACUOUS, CRASH_MISSED));
    assertThat(Coverage.of(verdicts).shortfalls(List.of("relay:mid-batch"), List.of("crash")))
        .as("6 of 101 is over it")
        .hasSize(1);
  }

  private static Verdict verdict(Validity validity, FaultOutcome... faults) {
    return new Verdict(validity, Map.of(), Counts.NONE, null, List.of(), null, List.of(faults));
  }
}
