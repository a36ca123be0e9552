package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A polling relay that starts on a backlog is ready once its first batch went out: it reaches both
 * servers and does its job. Were it ready only when it first found the outbox empty, a wait for it
 * would last the whole backlog, and {@code ./lab bench} reported the polling relay's drain of
 * 100,000 rows as its start (3,486 ms, against 421 ms for the CDC relay).
 */
class OutboxPollingRelayIsReadyBeforeItsBacklogIsGoneTest {

  private static final int BACKLOG = 120;

  @Test
  void aRelayStartedOnABacklogIsReadyWhileMostOfItIsStillToPublish() throws Exception {
    OutboxSettings settings = OutboxSettings.defaults().withBatchSize(5);
    try (OutboxRun run = OutboxRun.start("polling", settings, false)) {
      Service relay = run.relay(1);
      relay.stop();
      List<Receipt> receipts = run.record(BACKLOG, "acct-1", "acct-2", "acct-3");
      assertThat(run.backlog()).as("the backlog, with the relay stopped").isEqualTo(BACKLOG);

      relay.start();
      relay.awaitReady(Duration.ofSeconds(60));
      long left = run.backlog();

      assertThat(left)
          .as("rows still to publish when the relay said it was ready, of %d", BACKLOG)
          .isGreaterThan(BACKLOG / 2)
          .isLessThan(BACKLOG); // and it had published: ready means it does its job
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
