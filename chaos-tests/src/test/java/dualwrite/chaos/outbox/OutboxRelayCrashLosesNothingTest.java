package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A polling relay killed at any of its crash points loses nothing: the restarted relay publishes
 * what the dead one had not marked. The price is duplicates, as many as the crash point predicts.
 */
class OutboxRelayCrashLosesNothingTest {

  static Stream<Arguments> crashPoints() {
    // A batch of 10 rows: how many of them the crash leaves on the topic unmarked.
    return Stream.of(
        Arguments.of(OutboxCrashPoints.AFTER_CLAIM, 0),
        Arguments.of(OutboxCrashPoints.MID_BATCH, 5),
        Arguments.of(OutboxCrashPoints.AFTER_PUBLISH, 10));
  }

  @ParameterizedTest(name = "crash at {0}")
  @MethodSource("crashPoints")
  void aRelayRestartedAfterACrashPublishesEveryEvent(CrashPoint point, int expectedDuplicates)
      throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      Service relay = run.relay(1);
      relay.stop(); // so that the next claim takes all ten rows as one batch
      List<Receipt> receipts = new ArrayList<>(run.record(10, "acct-1", "acct-2", "acct-3"));
      run.crashes.arm(point, 1);
      relay.start();
      OutboxRun.awaitDown(relay);

      assertThat(run.backlog())
          .as("the dead relay marked nothing: the whole batch is still to publish")
          .isEqualTo(10);
      receipts.addAll(run.record(5, "acct-1", "acct-2"));
      relay.start();

      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));
      assertThat(run.topic.duplicates())
          .as("the records the dead relay had published are published again, and only those")
          .isEqualTo(expectedDuplicates);
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
