package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A CDC relay killed after Kafka acknowledged a batch and before its position was stored loses
 * nothing: the restarted relay resumes from the stored position, in PostgreSQL. It replays the
 * unstored batch (at most one batch of duplicates), not the outbox from the start.
 */
class OutboxCdcCrashReplaysAtMostABatchTest {

  @Test
  void aRestartedCdcRelayReplaysOnlyTheBatchWhosePositionWasNotStored() throws Exception {
    OutboxSettings settings = OutboxSettings.defaults().withBatchSize(20);
    try (OutboxRun run = OutboxRun.start("cdc", settings, false)) {
      Service relay = run.relay(1);
      List<Receipt> before = run.record(20, "acct-1", "acct-2");
      run.awaitDelivered(OutboxRun.eventIds(before), Duration.ofSeconds(60));
      String storedBefore = storedOffsets(run);

      run.crashes.arm(OutboxCrashPoints.CDC_AFTER_PUBLISH, 1);
      List<Receipt> after = new ArrayList<>(run.record(10, "acct-1", "acct-2"));
      OutboxRun.awaitDown(relay);
      assertThat(storedOffsets(run))
          .as("the dead relay stored no position after the crash instant")
          .isEqualTo(storedBefore);

      after.addAll(run.record(5, "acct-1", "acct-2"));
      relay.start();
      List<Receipt> all = new ArrayList<>(before);
      all.addAll(after);
      run.awaitDelivered(OutboxRun.eventIds(all), Duration.ofSeconds(60));

      Map<UUID, Long> copiesBefore = run.topic.copies(OutboxRun.eventIds(before));
      assertThat(copiesBefore.values())
          .as("the events whose position was stored are not published again")
          .containsOnly(1L);
      long duplicates = run.topic.duplicates();
      assertThat(duplicates)
          .as("the unstored batch is published again: at least one, at most a batch")
          .isBetween(1L, (long) settings.batchSize());
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }

  private static String storedOffsets(OutboxRun run) throws Exception {
    try (var connection = run.direct.getConnection();
        var query =
            connection.prepareStatement(
                "SELECT string_agg(offset_value, ',' ORDER BY offset_key) FROM bank.cdc_offsets");
        var row = query.executeQuery()) {
      row.next();
      String value = row.getString(1);
      connection.commit();
      return value;
    }
  }
}
