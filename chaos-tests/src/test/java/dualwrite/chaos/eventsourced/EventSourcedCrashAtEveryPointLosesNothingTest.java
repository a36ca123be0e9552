package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.ledger.Transactions;
import dualwrite.bank.spi.Service;
import dualwrite.eventsourced.EventSourcedCrashPoints;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that dying at any crash point and restarting loses no event. */
class EventSourcedCrashAtEveryPointLosesNothingTest {

  private static final int BATCH = 20;

  @Test
  void everyCrashPointIsDeclaredOnTheServiceWhoseCodePassesIt() {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 2)) {
      Map<String, List<CrashPoint>> declared = new LinkedHashMap<>();
      lab.deployment.services().forEach(s -> declared.put(s.name(), s.crashPoints()));
      assertThat(declared)
          .as("the bank declares its crash point, and every relay declares the relay's")
          .containsExactly(
              Map.entry(
                  "bank",
                  List.of(Transactions.BEFORE_COMMIT, EventSourcedCrashPoints.AFTER_DB_COMMIT)),
              Map.entry(
                  "relay-1",
                  List.of(
                      EventSourcedCrashPoints.MID_BATCH, EventSourcedCrashPoints.AFTER_PUBLISH)),
              Map.entry(
                  "relay-2",
                  List.of(
                      EventSourcedCrashPoints.MID_BATCH, EventSourcedCrashPoints.AFTER_PUBLISH)));
    }
  }

  @ParameterizedTest(name = "relay crash at {0}")
  @ValueSource(strings = {"mid-batch", "after-publish"})
  void aRelayThatDiesAtACrashPointLosesNothingAfterARestart(String pointName) throws Exception {
    CrashPoint point =
        EventSourcedCrashPoints.RELAY.stream()
            .filter(p -> p.name().equals(pointName))
            .findFirst()
            .orElseThrow();
    int ackedBeforeTheCrash = point.equals(EventSourcedCrashPoints.MID_BATCH) ? BATCH / 2 : BATCH;
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      Service relay = lab.service("relay-1");
      relay.stop(); // so that the next start finds one batch of BATCH entries waiting
      for (int i = 0; i < BATCH; i++) {
        lab.bank()
            .record(
                TransactionRequest.of("acct-" + (1 + i % 4), TransactionType.DEPOSIT, 100, "EUR"));
      }
      assertThat(lab.backlog())
          .as("the stopped relay has the whole batch to send")
          .isEqualTo(BATCH);

      lab.crashes.arm(point, 1);
      relay.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !relay.isUp());
      assertThat(lab.fired).as("the relay died at " + point).containsExactly(point);
      assertThat(lab.backlog()).as("the dead relay had not moved its position").isEqualTo(BATCH);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lab.deliveries().transactionIds().size() == ackedBeforeTheCrash);

      relay.start();
      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(delivered.lost(lab.committed()))
          .as("after the restart no committed transaction is lost")
          .isEmpty();
      assertThat(delivered.duplicates())
          .as("exactly what Kafka acknowledged before the crash was published again")
          .isEqualTo(ackedBeforeTheCrash);
      assertThat(delivered.orderViolations())
          .as("redelivery keeps each account's first deliveries in version order")
          .isEmpty();
    }
  }

  @Test
  void aBankThatDiesAfterItsCommitLosesNoEvent() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      lab.bank().record(TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 100, "EUR"));
      lab.crashes.arm(EventSourcedCrashPoints.AFTER_DB_COMMIT, 1);
      TransactionRequest unanswered =
          TransactionRequest.of("acct-1", TransactionType.PURCHASE, 40, "EUR");
      assertThatThrownBy(() -> lab.bank().record(unanswered))
          .as("the client cannot know whether the dying bank recorded it")
          .isInstanceOf(OutcomeUnknown.class);
      Service bank = lab.service("bank");
      assertThat(bank.isUp()).as("the bank died at the crash point").isFalse();

      bank.start();
      lab.bank().record(TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 100, "EUR"));
      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(delivered.transactionIds())
          .as("the committed transaction the client never heard about is published all the same")
          .contains(unanswered.transactionId());
      assertThat(delivered.lost(lab.committed())).as("nothing is lost").isEmpty();
      assertThat(delivered.orderViolations()).as("the account's order holds").isEmpty();
    }
  }
}
