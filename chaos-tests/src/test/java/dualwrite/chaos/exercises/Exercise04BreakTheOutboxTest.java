package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 4, a code exercise in reverse: the outbox is only a fix while its row commits with the
 * ledger row. Once the outbox row has its own transaction (in OutboxBank), the bank's crashes and
 * failed commits lose events or invent them again, and this check passes. Revert the change after.
 */
@Tag("exercise")
class Exercise04BreakTheOutboxTest {

  @Test
  void theOutboxLosesOrInventsAnEventOnceItsRowHasItsOwnTransaction() {
    List<RunResult> results =
        Stream.of("crash-after-commit", "commit-fails", "ambiguous-commit")
            .map(name -> LabRuns.run("outbox/polling", Catalogue.named(name)))
            .toList();

    assertThat(results.stream().flatMap(result -> result.verdict().found().stream()))
        .as(
            "the outbox still keeps its promise under the bank's crashes and failed commits, so its"
                + " row still commits with the ledger row (OutboxBank, region outbox-write): %s",
            results.stream().map(Observed::describe).toList())
        .containsAnyOf(Anomaly.LOST, Anomaly.PHANTOM);
  }
}
