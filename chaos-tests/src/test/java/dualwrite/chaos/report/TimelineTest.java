package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.Timeline.Outcome;
import dualwrite.chaos.report.Timeline.Span;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final long MS = 1_000_000L;

  @Test
  void eachClientOperationSpansFromItsInvokeToItsOwnCompletion() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    Timeline timeline =
        Timeline.of(
            new Ops()
                .invoke("10", a, "deposit acct-1 1.00 EUR", 0)
                .invoke("2", b, "purchase acct-2 2.00 EUR", 5)
                .complete("2", Op.Type.INFO, b, "purchase acct-2 2.00 EUR", 30, "timeout")
                .complete("10", Op.Type.OK, a, "deposit acct-1 1.00 EUR", 40, null)
                .invoke("2", c, "payment acct-2 3.00 EUR", 50)
                .step("heal-everything", "heal everything", 70)
                .list());

    assertThat(timeline.lanes())
        .as("clients in number order, then the nemesis")
        .containsExactly("2", "10", "nemesis");
    assertThat(timeline.spans())
        .as("interleaved operations pair by process; one never answered lasts to the end")
        .containsExactly(
            new Span("10", 0, 40 * MS, Outcome.OK, a, "deposit acct-1 1.00 EUR", null),
            new Span("2", 5 * MS, 30 * MS, Outcome.INFO, b, "purchase acct-2 2.00 EUR", "timeout"),
            new Span("2", 50 * MS, 70 * MS, Outcome.PENDING, c, "payment acct-2 3.00 EUR", null));
    assertThat(timeline.okMillis())
        .as("the bank's answer time, for ok operations only")
        .containsExactly(40.0);
  }
}
