package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.report.VerdictInWords;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The terminal lays out a verdict's words a line each, as the docs show them. */
class ExplanationTest {

  @Test
  void aVerdictIsItsHeadlineThenALinePerFact() {
    Verdict verdict =
        new Verdict(
                Validity.INVALID,
                Map.of("duplicate-delivery", List.of(UUID.randomUUID())),
                new Counts(2, 1, 0, 1, 2, 3, 0, 2, 2, Map.of()),
                null,
                List.of(new Verdict.Unresolved(UUID.randomUUID(), false, false)),
                null,
                List.of(new FaultOutcome("pause(kafka)", "pause", "kafka", false, "no work")),
                List.of("a note"))
            .withTradeOff(0.5, null);

    String text = Explanation.of(VerdictInWords.of(verdict));

    assertThat(text.lines().toList())
        .containsExactly(
            "INVALID: duplicate-delivery 1",
            "  2 requests: 1 ok, 0 failed, 1 unknown; 2 committed, 3 records on the topic,"
                + " 2 fraud checks",
            "  duplicate-delivery 1: published more than once (at-least-once allows it) (allowed)",
            "  note: a note",
            "  missed pause(kafka): no work",
            "  1 request ended without an answer the client could trust; the truth: 0 committed,"
                + " 1 not",
            "  customers: refused 1 of 2");
  }
}
