package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Checks that the log relay publishes every committed entry once, in each account's order. */
class EventSourcedLogRelayDeliversInVersionOrderTest {

  private static final int WRITERS = 4;
  private static final int PER_WRITER = 75;
  private static final int ACCOUNTS = 5;

  @Test
  void everyCommittedTransactionIsPublishedOnceInItsAccountsVersionOrder() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.startWithFraudService("log-relay")) {
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          done.add(
              writers.submit(
                  () -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                      // every writer touches every account: versions are contended
                      String account = "acct-" + (1 + (writer + i) % ACCOUNTS);
                      lab.bank()
                          .record(
                              TransactionRequest.of(account, TransactionType.PURCHASE, 100, "EUR"));
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : done) {
          writer.get();
        }
      } finally {
        writers.shutdownNow();
      }

      List<EventSourcedRun.Committed> committed = lab.committed();
      assertThat(committed).as("every request was recorded").hasSize(WRITERS * PER_WRITER);
      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(delivered.lost(committed)).as("no committed transaction is lost").isEmpty();
      assertThat(delivered.phantoms(committed)).as("no event is a phantom").isEmpty();
      assertThat(delivered.duplicates()).as("without faults, each event is sent once").isZero();
      assertThat(delivered.orderViolations())
          .as("each account's events arrive in version order")
          .isEmpty();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lab.fraudChecks().size() == committed.size());
      Map<UUID, Long> checks = lab.fraudChecks();
      assertThat(checks.values())
          .as("the fraud service checked every committed transaction exactly once")
          .hasSize(committed.size())
          .containsOnly(1L);
    }
  }
}
