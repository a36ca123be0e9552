package dualwrite.chaos.eventsourced;

import static dualwrite.chaos.OnConnection.onConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.eventsourced.AccountLedger;
import dualwrite.eventsourced.LedgerEntry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Checks that optimistic concurrency on an account's version retries instead of losing writes. */
class EventSourcedVersionConflictRetriesTest {

  @Test
  void aWriterThatLosesTheRaceForAVersionRetriesAndAppendsTheNextOne() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      lab.bank().record(TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 500, "EUR"));

      // Another writer appends version 2 and holds its transaction open.
      TransactionRequest first =
          TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 700, "EUR");
      TransactionRequest second =
          TransactionRequest.of("acct-1", TransactionType.PAYMENT, 300, "EUR");
      Receipt receipt;
      try (Connection held = lab.direct.getConnection()) {
        LedgerEntry heldEntry = AccountLedger.append(onConnection(held), first);
        assertThat(heldEntry.version()).as("the held writer took version 2").isEqualTo(2);

        // The bank reads version 1 too, tries to append 2, and must wait for the held writer.
        CompletableFuture<Receipt> bank =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return lab.bank().record(second);
                  } catch (TransactionFailed e) {
                    throw new IllegalStateException(e);
                  }
                });
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !bankSessionsWaitingOnALock(lab).isEmpty());
        held.commit();
        receipt = bank.get(20, TimeUnit.SECONDS);
      }

      assertThat(receipt.sequence())
          .as("after losing version 2, the bank read the account again and appended version 3")
          .isEqualTo(3);
      assertThat(lab.committed())
          .as("both writes are in the ledger, one version each")
          .extracting(EventSourcedRun.Committed::transactionId, EventSourcedRun.Committed::sequence)
          .contains(tuple(first.transactionId(), 2L), tuple(second.transactionId(), 3L));
      assertThat(lab.balances()).containsEntry("acct-1", 500L + 700 - 300);
    }
  }

  @Test
  void concurrentWritersOnOneAccountLoseNoWrite() throws Exception {
    int writers = 5;
    int perWriter = 24;
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      Set<UUID> succeeded = ConcurrentHashMap.newKeySet();
      Set<UUID> failed = ConcurrentHashMap.newKeySet();
      Set<Long> receiptVersions = ConcurrentHashMap.newKeySet();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < perWriter; i++) {
                      TransactionRequest request =
                          TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 10, "EUR");
                      try {
                        receiptVersions.add(lab.bank().record(request).sequence());
                        succeeded.add(request.transactionId());
                      } catch (TransactionFailed e) {
                        failed.add(request.transactionId()); // a truthful no: it must be absent
                      }
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> writer : done) {
          writer.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      List<EventSourcedRun.Committed> committed = lab.committed();
      assertThat(committed)
          .as("every write the bank confirmed is in the ledger")
          .extracting(EventSourcedRun.Committed::transactionId)
          .containsAll(succeeded)
          .noneMatch(failed::contains);
      assertThat(committed)
          .as("the account's versions run 1, 2, 3, ... with no gap and no repeat")
          .extracting(EventSourcedRun.Committed::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, succeeded.size()).boxed().toList());
      assertThat(receiptVersions)
          .as("no two confirmed writes were told the same version")
          .hasSize(succeeded.size());
      assertThat(succeeded.size() + failed.size())
          .as("every request got an answer")
          .isEqualTo(writers * perWriter);
      assertThat(lab.balances())
          .as("the balance counts each confirmed deposit once")
          .containsEntry("acct-1", 10L * succeeded.size());
    }
  }

  private static List<String> bankSessionsWaitingOnALock(EventSourcedRun lab) throws Exception {
    return lab.query(
        """
        SELECT application_name FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'eventsourced-bank'
           AND wait_event_type = 'Lock'
        """,
        row -> row.getString(1));
  }
}
