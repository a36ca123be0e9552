package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.chaos.checker.Checker;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.Journey.Hop;
import dualwrite.chaos.report.Journey.Lane;
import dualwrite.chaos.report.Journey.Tone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Journeys, from hand-made histories and truths judged by the real checker: the hops of each
 * transaction in time order, where it stopped, and the anomalies that hit it.
 */
class JourneysTest {

  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  private final UUID delivered = UUID.randomUUID();
  private final UUID lost = UUID.randomUUID();
  private final UUID phantom = UUID.randomUUID();
  private final UUID refused = UUID.randomUUID();

  private final List<Truth.Committed> committed = new ArrayList<>();
  private final List<Truth.Published> published = new ArrayList<>();
  private final List<Truth.Checked> checks = new ArrayList<>();

  /** A naive run: a delivered transaction, a lost one, a phantom and a refused one. */
  private List<Op> naiveRun() {
    commit(delivered, "acct-1", 150);
    publish(delivered, "acct-1", 170);
    check(delivered, 300);
    commit(lost, "acct-2", 250);
    publish(phantom, "acct-3", 3210);
    check(phantom, 3400);
    return new Ops()
        .invoke("0", delivered, "deposit acct-1 10.00 EUR", 100)
        .complete("0", Op.Type.OK, delivered, "deposit acct-1 10.00 EUR", 180, null)
        .invoke("1", lost, "purchase acct-2 17.37 EUR", 200)
        .complete(
            "1",
            Op.Type.FAIL,
            lost,
            "purchase acct-2 17.37 EUR",
            3100,
            "could not publish: org.apache.kafka.common.errors.TimeoutException\n\tat somewhere")
        .invoke("0", phantom, "payment acct-3 5.00 EUR", 3200)
        .complete(
            "0",
            Op.Type.FAIL,
            phantom,
            "payment acct-3 5.00 EUR",
            3300,
            "java.sql.SQLException: insert failed")
        .invoke("1", refused, "deposit acct-4 1.00 EUR", 3500)
        .complete("1", Op.Type.FAIL, refused, "deposit acct-4 1.00 EUR", 3510, "bank is down")
        .list();
  }

  @Test
  void aDeliveredTransactionGoesFromTheClientToTheFraudServiceAndStopsThere() {
    List<Journey> journeys = judgedNaiveRun();

    assertThat(journeys)
        .as("one journey per client transaction, in invoke order")
        .extracting(Journey::transactionId)
        .containsExactly(delivered, lost, phantom, refused);
    Journey journey = journeys.get(0);
    assertThat(journey.hops())
        .extracting(JourneysTest::line)
        .containsExactly(
            "client>bank deposit acct-1 10.00 EUR @0.100 request",
            "bank>PostgreSQL commit @0.150 commit",
            "bank>Kafka publish, offset 0 @0.170 publish",
            "bank>client ok @0.180 ok",
            "Kafka>fraud service checked @0.300 check");
    assertThat(journey.stop()).isEqualTo("delivered and checked once");
    assertThat(journey.anomalies()).isEmpty();
    assertThat(journey.stoppedAt()).isEqualTo(Lane.FRAUD);
  }

  @Test
  void aLostTransactionStopsInPostgresAndItsClientIsToldItFailed() {
    Journey journey = judgedNaiveRun().get(1);

    assertThat(journey.hops())
        .as("the error shortened to its first line")
        .extracting(JourneysTest::line)
        .containsExactly(
            "client>bank purchase acct-2 17.37 EUR @0.200 request",
            "bank>PostgreSQL commit @0.250 commit",
            "bank>client fail: could not publish: org.apache\u2026 @3.100 fail");
    assertThat(journey.anomalies()).containsExactly("lost", "failed-but-committed");
    assertThat(journey.stop())
        .isEqualTo(
            "lost: committed at 0.250 s, never on the topic, though its client was told it failed");
    assertThat(journey.stoppedAt()).isEqualTo(Lane.POSTGRESQL);
  }

  @Test
  void aPhantomIsOnTheTopicAndCheckedThoughItNeverCommitted() {
    Journey journey = judgedNaiveRun().get(2);

    assertThat(journey.hops())
        .as("the error without the exception's class")
        .extracting(JourneysTest::line)
        .containsExactly(
            "client>bank payment acct-3 5.00 EUR @3.200 request",
            "bank>Kafka publish, offset 1 @3.210 publish",
            "bank>client fail: insert failed @3.300 fail",
            "Kafka>fraud service checked @3.400 check");
    assertThat(journey.anomalies()).containsExactly("phantom");
    assertThat(journey.stop()).isEqualTo("phantom: on the topic, never committed, checked once");
    assertThat(journey.anomalous()).isTrue();
  }

  @Test
  void aRefusedTransactionStopsAtTheBankWithoutAnAnomaly() {
    Journey journey = judgedNaiveRun().get(3);

    assertThat(journey.hops()).hasSize(2);
    assertThat(journey.stop()).isEqualTo("refused, never committed");
    assertThat(journey.anomalies()).isEmpty();
    assertThat(journey.stoppedAt()).isEqualTo(Lane.BANK);
  }

  @Test
  void aTransactionCheckedTwiceGoesThroughTheRelayAndReachesTheFraudServiceTwice() {
    UUID twice = UUID.randomUUID();
    commit(twice, "acct-1", 120);
    publish(twice, "acct-1", 200);
    check(twice, 900);
    check(twice, 300);
    List<Op> history =
        new Ops()
            .invoke("0", twice, "deposit acct-1 10.00 EUR", 100)
            .complete("0", Op.Type.OK, twice, "deposit acct-1 10.00 EUR", 130, null)
            .list();

    Journey journey = journeys(history, true, true).get(0);

    assertThat(journey.hops())
        .as("the answer before the relay's publish; the second check marked as one too many")
        .extracting(JourneysTest::line)
        .containsExactly(
            "client>bank deposit acct-1 10.00 EUR @0.100 request",
            "bank>PostgreSQL commit @0.120 commit",
            "bank>client ok @0.130 ok",
            "PostgreSQL>relay read @0.200 publish",
            "relay>Kafka publish, offset 0 @0.200 publish",
            "Kafka>fraud service checked @0.300 check",
            "Kafka>fraud service checked again @0.900 extra");
    assertThat(journey.anomalies()).containsExactly("processed-twice");
    assertThat(journey.stop()).isEqualTo("checked twice");
  }

  @Test
  void aLiveViewSaysHowFarEachTransactionGotSoFar() {
    List<Op> history = naiveRun();
    UUID waiting = UUID.randomUUID();
    commit(waiting, "acct-5", 3600);
    publish(waiting, "acct-5", 3610);
    List<Op> more = new ArrayList<>(history);
    more.add(
        new Op(more.size(), "0", Op.Type.INVOKE, "record", "r", waiting, 3_590_000_000L, null));

    assertThat(journeys(more, false, false))
        .extracting(Journey::stop)
        .containsExactly(
            "checked",
            "committed, not yet on the topic",
            "on the topic, not committed, checked once",
            "refused, not committed",
            "on the topic, not yet checked");
    assertThat(journeys(more, true, false).get(1).stop())
        .as("with a relay, the event waits in the outbox")
        .isEqualTo("in the outbox (committed, not yet on the topic)");
    assertThat(journeys(more, false, false))
        .as("no verdict, no anomaly")
        .noneMatch(Journey::anomalous);
  }

  @Test
  void theSelectionHasEveryAnomalousJourneyUpToTheLimitThenAFewNormalOnes() {
    List<Journey> all = judgedNaiveRun();

    assertThat(Journeys.select(all, 1, 40))
        .extracting(Journey::transactionId)
        .containsExactly(lost, phantom, delivered);
    assertThat(Journeys.select(all, 0, 1)).extracting(Journey::transactionId).containsExactly(lost);
    assertThatThrownBy(() -> Journeys.select(all, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheNaiveStrategyPublishesWithoutARelay() {
    assertThat(Journeys.relayPublishes("naive")).isFalse();
    assertThat(Journeys.relayPublishes("outbox")).isTrue();
    assertThat(Journeys.relayPublishes("event-sourced")).isTrue();
  }

  @Test
  void aHopGoesFromOneLaneToAnother() {
    assertThatThrownBy(() -> new Hop(Lane.BANK, Lane.BANK, "x", 0, Tone.COMMIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Journey(lost, null, List.of(), List.of(), " ", Lane.BANK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Journey> judgedNaiveRun() {
    return journeys(naiveRun(), false, true);
  }

  private List<Journey> journeys(List<Op> history, boolean relay, boolean judged) {
    Truth truth = new Truth(committed, published, checks);
    Verdict verdict = judged ? new Checker().check(history, truth, null) : null;
    return Journeys.of(history, truth, verdict, relay, START);
  }

  private void commit(UUID id, String account, long millis) {
    committed.add(new Truth.Committed(id, id, account, 1, START.plusMillis(millis)));
  }

  private void publish(UUID id, String account, long millis) {
    published.add(
        new Truth.Published(
            0, published.size(), START.plusMillis(millis), id, id, account, 1, null));
  }

  private void check(UUID id, long millis) {
    checks.add(new Truth.Checked(id, id, START.plusMillis(millis)));
  }

  private static String line(Hop hop) {
    return String.format(
        Locale.ROOT,
        "%s>%s %s @%.3f %s",
        hop.from().label(),
        hop.to().label(),
        hop.label(),
        hop.atSeconds(),
        hop.tone().label());
  }
}
