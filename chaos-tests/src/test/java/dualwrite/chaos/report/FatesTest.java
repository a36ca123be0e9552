package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FatesTest {

  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void theAnomalyTableSaysWhatHappenedToEachTransactionOnceHoweverManyAnomaliesHitIt() {
    UUID lost = UUID.randomUUID();
    UUID phantom = UUID.randomUUID();
    UUID twice = UUID.randomUUID();
    List<Op> history = history(lost, phantom, twice);
    Truth truth = truth(lost, phantom, twice);
    Map<String, List<UUID>> anomalies = new LinkedHashMap<>();
    anomalies.put("lost", List.of(lost));
    anomalies.put("phantom", List.of(phantom));
    anomalies.put("processed-twice", List.of(twice));
    anomalies.put("failed-but-committed", List.of(lost));
    Verdict verdict =
        new Verdict(
            Verdict.Validity.INVALID, anomalies, Counts.NONE, null, List.of(), null, List.of());

    List<Fates.Row> rows = Fates.of(verdict, history, truth, START);

    assertThat(rows)
        .as("one row per transaction, in the anomalies' order")
        .extracting(r -> r.fate().transactionId())
        .containsExactly(lost, phantom, twice);
    assertThat(rows.get(0).anomalies())
        .as("both anomalies that hit the lost transaction")
        .containsExactly(Anomaly.LOST, Anomaly.FAILED_BUT_COMMITTED);
    assertThat(rows.get(0).fate())
        .as("lost: told it failed at 3.1 s, committed as acct-1's first, never on the topic")
        .isEqualTo(
            new Fates.Fate(
                lost,
                "deposit acct-1 10.00 EUR",
                "fail",
                3.1,
                "could not publish",
                0.25,
                "acct-1",
                1L,
                0,
                0));
    assertThat(rows.get(1).fate())
        .as("phantom: its client never learnt the outcome, it never committed, yet it was checked")
        .isEqualTo(
            new Fates.Fate(
                phantom,
                "purchase acct-2 17.37 EUR",
                "info",
                0.7,
                "outcome unknown",
                null,
                "acct-2",
                null,
                1,
                1));
    assertThat(rows.get(2).fate().checks()).as("processed twice: two fraud checks").isEqualTo(2);
    assertThat(rows.get(2).fate().records()).as("from one record").isEqualTo(1);
  }

  @Test
  void aTransactionNoClientAskedForSaysSo() {
    UUID stranger = UUID.randomUUID();
    Fates.Fate fate =
        Fates.fate(stranger, List.of(), new Truth(List.of(), List.of(), List.of()), START);

    assertThat(fate.request()).as("no request").isNull();
    assertThat(fate.told()).as("nobody was told anything").isNull();
    assertThat(fate.committed()).as("not committed").isFalse();
  }

  /**
   * The lost transaction committed but never published; the phantom published and checked, never
   * committed; the third committed, published once and checked twice.
   */
  private static Truth truth(UUID lost, UUID phantom, UUID twice) {
    UUID event = UUID.randomUUID();
    return new Truth(
        List.of(
            new Truth.Committed(lost, UUID.randomUUID(), "acct-1", 1, START.plusMillis(250)),
            new Truth.Committed(twice, event, "acct-1", 2, START.plusMillis(3250))),
        List.of(
            new Truth.Published(
                0, 0, START.plusMillis(400), UUID.randomUUID(), phantom, "acct-2", 1, null),
            new Truth.Published(0, 1, START.plusMillis(3260), event, twice, "acct-1", 2, null)),
        List.of(
            new Truth.Checked(phantom, UUID.randomUUID(), START.plusMillis(500)),
            new Truth.Checked(twice, event, START.plusMillis(3400)),
            new Truth.Checked(twice, event, START.plusMillis(5400))));
  }

  /** The lost one told it failed, the phantom left not knowing, the third told ok. */
  private static List<Op> history(UUID lost, UUID phantom, UUID twice) {
    return new Ops()
        .invoke("0", lost, "deposit acct-1 10.00 EUR", 100)
        .complete("0", Op.Type.FAIL, lost, "deposit acct-1 10.00 EUR", 3100, "could not publish")
        .invoke("1", phantom, "purchase acct-2 17.37 EUR", 200)
        .complete("1", Op.Type.INFO, phantom, "purchase acct-2 17.37 EUR", 700, "outcome unknown")
        .invoke("0", twice, "payment acct-1 5.00 EUR", 3200)
        .complete("0", Op.Type.OK, twice, "payment acct-1 5.00 EUR", 3300, null)
        .list();
  }
}
