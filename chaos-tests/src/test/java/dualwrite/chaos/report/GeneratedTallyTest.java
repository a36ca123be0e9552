package dualwrite.chaos.report;

import static dualwrite.chaos.report.Summaries.run;
import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Verdict.Validity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedTallyTest {

  @Test
  void theSmallestCounterexampleIsTheInvalidRunWithTheFewestSteps() {
    List<RunSummary> runs = runs();

    List<GeneratedTally> generated =
        GeneratedTally.of(
            runs,
            new VariantOrder(
                List.of(
                    new Matrix.Row("naive", "db-then-kafka"), new Matrix.Row("outbox", "polling")),
                Map.of()));

    assertThat(generated)
        .as("one entry per variant with generated runs, the naive variants first")
        .extracting(g -> g.row().toString())
        .containsExactly("naive/db-then-kafka", "outbox/polling");
    GeneratedTally outbox = generated.get(1);
    assertThat(outbox.total()).as("catalogue runs are not counted").isEqualTo(4);
    assertThat(outbox.valid()).as("valid").isEqualTo(1);
    assertThat(outbox.unknown()).as("unknown").isEqualTo(1);
    assertThat(outbox.invalid())
        .as("the invalid runs, smallest first")
        .extracting(RunSummary::scenario)
        .containsExactly("generated-3", "generated-1");
    assertThat(outbox.smallestCounterexample().scenario())
        .as("the smallest counterexample")
        .isEqualTo("generated-3");
    assertThat(generated.get(0).smallestCounterexample()).as("none where every run held").isNull();
  }

  /**
   * Four generated runs of outbox/polling (two invalid, of 12 and 7 steps), a catalogue run of it,
   * and a generated run of naive/db-then-kafka that held.
   */
  private static List<RunSummary> runs() {
    String at = "2026-11-27T10:00:00Z";
    return List.of(
        run(
            "outbox/polling",
            "generated-1",
            "generated",
            at,
            Validity.INVALID,
            Map.of("lost", 2),
            12),
        run("outbox/polling", "generated-2", "generated", at, Validity.VALID, Map.of(), 3),
        run(
            "outbox/polling",
            "generated-3",
            "generated",
            at,
            Validity.INVALID,
            Map.of("lost", 1),
            7),
        run("outbox/polling", "generated-4", "generated", at, Validity.UNKNOWN, Map.of(), 2),
        run("outbox/polling", "no-fault", "catalogue", at, Validity.INVALID, Map.of("lost", 1), 1),
        run("naive/db-then-kafka", "generated-5", "generated", at, Validity.VALID, Map.of(), 4));
  }
}
