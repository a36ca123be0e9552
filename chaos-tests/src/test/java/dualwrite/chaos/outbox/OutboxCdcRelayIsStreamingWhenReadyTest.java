package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CDC deployment is ready only once its relay streams from the replication slot: the moment
 * {@code awaitReady} returns, PostgreSQL shows the slot active, and an event recorded then is
 * published without waiting for an engine to start. (Were readiness to mean "the engine was
 * launched", the slot would still be idle here: Debezium starts streaming a second or more later.)
 */
class OutboxCdcRelayIsStreamingWhenReadyTest {

  private static final String ACTIVE_SLOTS =
      "SELECT count(*) FROM pg_replication_slots WHERE database = current_database() AND active";

  @Test
  void theSlotIsStreamedTheMomentTheDeploymentIsReady() throws Exception {
    try (OutboxRun run = OutboxRun.start("cdc", OutboxSettings.defaults(), false)) {
      long activeSlots = run.count(ACTIVE_SLOTS); // first thing: nothing may start it meanwhile
      assertThat(
              run.count(
                  "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"))
          .as("the run has its replication slot")
          .isEqualTo(1);
      assertThat(activeSlots)
          .as("a walsender streams the slot as soon as the deployment says it is ready")
          .isEqualTo(1);

      run.topic.all(); // the reader's own first fetch is not the relay's time
      long recording = System.nanoTime();
      List<Receipt> receipts = run.record(1, "acct-1");
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> run.topic.eventIds().containsAll(OutboxRun.eventIds(receipts)));
      System.out.printf(
          "CDC relay: ready %d ms after deploy; an event recorded then was on the topic %d ms"
              + " later%n",
          run.readyAfter.toMillis(), (System.nanoTime() - recording) / 1_000_000);
    }
  }
}
