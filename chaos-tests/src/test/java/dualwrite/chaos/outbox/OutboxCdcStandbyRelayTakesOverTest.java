package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With two CDC relays, one reads the replication slot and the other waits for it. When the reader
 * dies, the standby takes the slot over and resumes from the stored position, without a restart.
 */
class OutboxCdcStandbyRelayTakesOverTest {

  @Test
  void theStandbyRelayTakesTheSlotWhenTheReaderDies() throws Exception {
    OutboxSettings settings = OutboxSettings.defaults().withRelays(2).withBatchSize(20);
    try (OutboxRun run = OutboxRun.start("cdc", settings, false)) {
      List<Receipt> receipts = new ArrayList<>(run.record(10, "acct-1", "acct-2"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));

      run.crashes.arm(OutboxCrashPoints.CDC_AFTER_PUBLISH, 1);
      receipts.addAll(run.record(5, "acct-1", "acct-2"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> run.relays().stream().filter(Service::isUp).count() == 1);

      receipts.addAll(run.record(5, "acct-1", "acct-2"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));
      assertThat(run.relays().stream().filter(Service::isUp).count())
          .as("the events after the crash were published by the standby alone")
          .isEqualTo(1);
      assertThat(run.topic.duplicates())
          .as("the standby replays at most the batch whose position was not stored")
          .isLessThanOrEqualTo(settings.batchSize());
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
