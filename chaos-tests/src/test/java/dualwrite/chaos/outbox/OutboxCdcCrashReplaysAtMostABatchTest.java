package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

      AtTheCrash atTheCrash = new AtTheCrash(run);
      run.crashes.onFire(point -> atTheCrash.look());
      run.crashes.arm(OutboxCrashPoints.CDC_AFTER_PUBLISH, 1);
      List<Receipt> after = new ArrayList<>(run.record(10, "acct-1", "acct-2"));
      OutboxRun.awaitDown(relay);
      atTheCrash.assertSeen();
      assertThat(storedOffsets(run))
          .as("the dead relay stored no position after the crash instant")
          .isEqualTo(atTheCrash.stored);

      after.addAll(run.record(5, "acct-1", "acct-2"));
      relay.start();
      List<UUID> all = new ArrayList<>(OutboxRun.eventIds(before));
      all.addAll(OutboxRun.eventIds(after));
      run.awaitDelivered(all, Duration.ofSeconds(60));

      // The unstored batch: what Kafka had acknowledged when the relay died, beyond the events
      // published (and their position stored) before the crash was armed.
      Set<UUID> batch = new HashSet<>(run.topic.eventIdsBelow(atTheCrash.topicEnds));
      OutboxRun.eventIds(before).forEach(batch::remove);
      assertThat(batch)
          .as("the relay died with a batch of the later events on the topic")
          .isNotEmpty()
          .hasSizeLessThanOrEqualTo(settings.batchSize());
      Map<UUID, Long> twiceTheBatchOnceTheRest = new LinkedHashMap<>();
      all.forEach(id -> twiceTheBatchOnceTheRest.put(id, batch.contains(id) ? 2L : 1L));
      assertThat(run.topic.copies(all))
          .as(
              "the batch on the topic at the crash %s is published again, and only it: the events"
                  + " whose position was stored are not",
              batch)
          .isEqualTo(twiceTheBatchOnceTheRest);
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }

  /**
   * What the relay had done at the instant it died: the position it had stored, and how far each
   * partition reached (everything Kafka had acknowledged lies below). The crash's listener runs in
   * the relay's own thread before it dies, so neither can move meanwhile; read before the crash or
   * after it, both would rest on timing.
   */
  private static final class AtTheCrash {
    private final OutboxRun run;
    private volatile String stored;
    private volatile Map<Integer, Long> topicEnds;
    private volatile Exception failure;

    AtTheCrash(OutboxRun run) {
      this.run = run;
    }

    /** A listener that throws would keep the relay alive, so the failure is kept instead. */
    void look() {
      try {
        stored = storedOffsets(run);
        topicEnds = run.topic.endOffsets();
      } catch (Exception e) {
        failure = e;
      }
    }

    void assertSeen() {
      assertThat(failure)
          .as("the relay's position and the topic could be read at the crash")
          .isNull();
      assertThat(topicEnds).as("the relay died at its crash point").isNotNull();
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
