package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two polling relays drain one backlog together: a claim takes only a relay's share of the lanes,
 * so while one relay holds its lanes the other finds free ones and publishes. Nothing is lost,
 * nothing is sent twice, and every account's events still arrive in commit order.
 */
class TwoPollingRelaysBothPublishTest {

  /**
   * One account in each lane, lanes 0 to 15 ({@code hashtext(account) & 15}), so that work waits in
   * every lane. The test checks the mapping before it relies on it.
   */
  private static final String[] ACCOUNTS = {
    "acct-24", "acct-3", "acct-2", "acct-15", "acct-44", "acct-20", "acct-28", "acct-21",
    "acct-6", "acct-11", "acct-1", "acct-10", "acct-7", "acct-12", "acct-17", "acct-53"
  };

  private static final int BATCH = 10;

  @Test
  void whileOneRelayHoldsItsLanesTheOtherPublishes() throws Exception {
    OutboxSettings settings = OutboxSettings.defaults().withRelays(2).withBatchSize(BATCH);
    try (OutboxRun run = OutboxRun.start("polling", settings, false)) {
      // A backlog, as after an outage or a deploy: work waits in every lane when the relays start.
      run.relays().forEach(Service::stop);
      List<Receipt> receipts = run.record(20 * ACCOUNTS.length, ACCOUNTS);
      assertThat(run.count("SELECT count(DISTINCT lane) FROM bank.outbox"))
          .as("the backlog spans all 16 lanes, more than one relay's share of 8")
          .isEqualTo(16);

      // The first relay to claim pauses right after its claim, holding its lanes, until released.
      CountDownLatch release = new CountDownLatch(1);
      run.crashes.armAction(OutboxCrashPoints.AFTER_CLAIM, 1, () -> awaitQuietly(release));
      run.relays().forEach(Service::start);

      try {
        await("a batch published by one relay while the other holds the lanes it claimed")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    run.count("SELECT count(*) FROM bank.outbox WHERE published_at IS NOT NULL")
                        >= BATCH);
        assertThat(run.count("SELECT count(DISTINCT published_by) FROM bank.outbox"))
            .as("so far only the relay that was not paused has published")
            .isOne();
      } finally {
        release.countDown();
      }

      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));
      for (Service relay : run.relays()) {
        assertThat(
                run.count("SELECT count(*) FROM bank.outbox WHERE published_by = ?", relay.name()))
            .as("%s published rows of the backlog", relay.name())
            .isPositive();
      }
      assertThat(run.topic.all())
          .as("no row was published by both relays: each event is on the topic once")
          .hasSize(receipts.size());
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }

  private static void awaitQuietly(CountDownLatch release) {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
