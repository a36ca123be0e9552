package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.spi.Service;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Three polling relays share one outbox while they are killed, one after another, at every crash
 * point and at random moments. The survivors take over the dead relay's lanes at once; no event is
 * lost, and every account's events are first delivered in commit order (duplicates allowed).
 */
class OutboxRelaysTakeOverWithoutLosingOrderTest {

  private static final String[] ACCOUNTS = {"acct-1", "acct-2", "acct-3", "acct-4", "acct-5"};
  private static final List<CrashPoint> POINTS =
      List.of(
          OutboxCrashPoints.AFTER_CLAIM,
          OutboxCrashPoints.MID_BATCH,
          OutboxCrashPoints.AFTER_PUBLISH);

  @Test
  void survivorsTakeOverAndNoEventIsLostOrReordered() throws Exception {
    OutboxSettings settings = OutboxSettings.defaults().withRelays(3).withBatchSize(10);
    try (OutboxRun run = OutboxRun.start("polling", settings, true)) {
      AtomicInteger fired = new AtomicInteger();
      run.crashes.onFire(point -> fired.incrementAndGet());
      List<Receipt> all = new ArrayList<>();

      for (int round = 0; round < 6; round++) {
        int before = fired.get();
        run.crashes.arm(POINTS.get(round % POINTS.size()), 1);
        List<Receipt> thisRound = new ArrayList<>(recordConcurrently(run, 40));
        for (int extra = 0; fired.get() == before && extra < 10; extra++) {
          thisRound.addAll(recordConcurrently(run, 20)); // until the armed point is passed
        }
        assertThat(fired.get())
            .as("round %s killed a relay at its crash point", round)
            .isGreaterThan(before);
        if (round == 3) {
          run.relay(2).crash(); // and one killed from outside, wherever it stands
        }
        all.addAll(thisRound);

        // The dead relays stay down: the survivors must publish this round on their own.
        run.awaitDelivered(OutboxRun.eventIds(thisRound), Duration.ofSeconds(30));
        assertThat(run.relays().stream().filter(Service::isUp).count())
            .as("round %s was published by the surviving relays", round)
            .isLessThan(3);
        run.relays().forEach(Service::start);
      }

      run.awaitDelivered(OutboxRun.eventIds(all), Duration.ofSeconds(30));
      run.topic.assertFirstDeliveriesInAccountOrder();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  run.count("SELECT count(DISTINCT event_id) FROM fraud.fraud_checks")
                      == all.size());
      assertThat(run.count("SELECT count(*) FROM fraud.fraud_checks"))
          .as("the idempotent consumer checked each transaction once, duplicates or not")
          .isEqualTo(all.size());
    }
  }

  private static List<Receipt> recordConcurrently(OutboxRun run, int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Receipt>>> work = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        work.add(clients.submit(() -> run.record(count / 4, ACCOUNTS)));
      }
      List<Receipt> receipts = new ArrayList<>();
      for (Future<List<Receipt>> done : work) {
        receipts.addAll(done.get());
      }
      return receipts;
    } finally {
      clients.shutdown();
    }
  }
}
