package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Without faults, the polling relay publishes every committed event once, in account order. */
class OutboxPollingRelayDeliversEverythingTest {

  @Test
  void everyCommittedEventIsPublishedOnceAndMarkedPublished() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), true)) {
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<List<Receipt>>> work = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        work.add(clients.submit(() -> run.record(15, "acct-1", "acct-2", "acct-3", "acct-4")));
      }
      List<Receipt> receipts = new ArrayList<>();
      for (Future<List<Receipt>> done : work) {
        receipts.addAll(done.get());
      }
      clients.shutdown();

      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));

      assertThat(run.topic.all())
          .as("without faults each event is published exactly once")
          .hasSize(receipts.size());
      run.topic.assertFirstDeliveriesInAccountOrder();
      assertThat(run.count("SELECT count(*) FROM bank.outbox WHERE published_at IS NULL"))
          .as("every outbox row is marked published")
          .isZero();
      assertThat(run.count("SELECT count(*) FROM bank.outbox"))
          .as("published rows are kept (until retention deletes them)")
          .isEqualTo(receipts.size());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> run.count("SELECT count(*) FROM fraud.fraud_checks") == receipts.size());
    }
  }
}
