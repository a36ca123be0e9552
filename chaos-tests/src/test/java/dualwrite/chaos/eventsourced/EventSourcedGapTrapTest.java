package dualwrite.chaos.eventsourced;

import static dualwrite.chaos.OnConnection.onConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.eventsourced.AccountLedger;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gap trap, for real: writers whose transactions stay open while later entries commit and are
 * relayed. Entry ids are handed out at insert time, so each held entry has a lower id than the
 * entries that commit after it.
 */
class EventSourcedGapTrapTest {

  private static final int HELD = 3;
  private static final int COMMITTED_PER_HOLD = 5;

  @Test
  void theNaiveCursorLosesExactlyTheTransactionsHeldOpenAcrossItsReads() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("naive-cursor", 1)) {
      Trap trap = new Trap(lab);
      trap.holdWritersOpenWhileOthersCommit();

      // The naive cursor sends the later entries at once and moves past the held ids.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  lab.backlog() == 0
                      && lab.deliveries().transactionIds().containsAll(trap.committedMeanwhile));

      trap.commitTheHeldWritersAndOneMore();
      Deliveries delivered = lab.deliveries();
      assertThat(lab.committed())
          .as("the held transactions are committed")
          .extracting(EventSourcedRun.Committed::transactionId)
          .containsAll(trap.held);
      assertThat(delivered.lost(lab.committed()))
          .as("exactly the transactions that committed late are lost")
          .containsExactlyInAnyOrderElementsOf(trap.held);
      assertThat(lab.backlog())
          .as("the naive cursor believes it has nothing left to send")
          .isZero();
    }
  }

  @Test
  void theLogRelayWaitsForTheHeldTransactionsAndLosesNone() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      Trap trap = new Trap(lab);
      trap.holdWritersOpenWhileOthersCommit();

      // Everything committed after the first held writer started is not final yet: it waits.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(
              () ->
                  lab.backlog() == trap.committedMeanwhile.size()
                      && lab.deliveries().transactionIds().stream()
                          .noneMatch(trap.committedMeanwhile::contains));

      trap.commitTheHeldWritersAndOneMore();
      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(delivered.transactionIds())
          .as("the held transactions are published")
          .containsAll(trap.held);
      assertThat(delivered.lost(lab.committed())).as("no transaction is lost").isEmpty();
      assertThat(delivered.orderViolations()).as("each account's order holds").isEmpty();
    }
  }

  /** The scenario both relays face. */
  private static final class Trap {
    final EventSourcedRun lab;
    final List<Connection> openWriters = new ArrayList<>();
    final List<UUID> held = new ArrayList<>();
    final Set<UUID> committedMeanwhile = new HashSet<>();
    UUID last;

    Trap(EventSourcedRun lab) {
      this.lab = lab;
    }

    /**
     * Three times: a writer appends an entry to its own account and keeps its transaction open;
     * then the bank commits five entries on other accounts, with higher ids.
     */
    void holdWritersOpenWhileOthersCommit() throws Exception {
      lab.bank().record(request("acct-1")); // the relay is running and has read something
      for (int h = 1; h <= HELD; h++) {
        Connection writer = lab.direct.getConnection();
        openWriters.add(writer);
        TransactionRequest slow = request("acct-slow-" + h);
        AccountLedger.append(onConnection(writer), slow);
        held.add(slow.transactionId());
        for (int i = 0; i < COMMITTED_PER_HOLD; i++) {
          TransactionRequest quick = request("acct-" + (1 + i % 2));
          lab.bank().record(quick);
          committedMeanwhile.add(quick.transactionId());
        }
      }
    }

    /** Commits the held writers, latest first, then one more entry, and waits until it is sent. */
    void commitTheHeldWritersAndOneMore() throws Exception {
      for (int h = openWriters.size() - 1; h >= 0; h--) {
        try (Connection writer = openWriters.get(h)) {
          writer.commit();
        }
      }
      TransactionRequest marker = request("acct-1");
      lab.bank().record(marker);
      // The marker committed after every held entry; once it is out, the relay has read past
      // the moment they became visible.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lab.deliveries().transactionIds().contains(marker.transactionId()));
    }

    private static TransactionRequest request(String account) {
      return TransactionRequest.of(account, TransactionType.DEPOSIT, 100, "EUR");
    }
  }
}
