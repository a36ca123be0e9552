package dualwrite.chaos.outbox;

import static dualwrite.chaos.OnConnection.onConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.outbox.OutboxRetention;
import dualwrite.outbox.OutboxSettings;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention deletes published rows once they are old, and never a row still to publish. */
class OutboxRetentionTest {

  private static final String INSERT =
      """
      INSERT INTO bank.outbox
             (event_id, account_id, event_type, payload, created_at, published_at, parked_at)
      VALUES (?, 'acct-9', 'TransactionRecorded', '{}', now() - ?::interval,
              now() - ?::interval, now() - ?::interval)
      """;

  @Test
  void onlyPublishedRowsOlderThanTheRetentionAreDeleted() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      run.relay(1).stop(); // the rows below are the test's own
      UUID oldPublished = UUID.randomUUID();
      UUID recentPublished = UUID.randomUUID();
      UUID oldUnpublished = UUID.randomUUID();
      UUID oldParked = UUID.randomUUID();
      run.execute(INSERT, oldPublished, "3 hours", "2 hours", null);
      run.execute(INSERT, recentPublished, "3 hours", "1 minute", null);
      run.execute(INSERT, oldUnpublished, "3 hours", null, null);
      run.execute(INSERT, oldParked, "3 hours", null, "2 hours");

      int deleted;
      try (Connection connection = run.direct.getConnection()) {
        deleted =
            OutboxRetention.deletePublishedOlderThan(onConnection(connection), Duration.ofHours(1));
        connection.commit();
      }

      assertThat(deleted).as("one row was published more than an hour ago").isEqualTo(1);
      for (UUID kept : List.of(recentPublished, oldUnpublished, oldParked)) {
        assertThat(run.count("SELECT count(*) FROM bank.outbox WHERE event_id = ?", kept))
            .as("a recent, unpublished or parked row is kept")
            .isEqualTo(1);
      }
      assertThat(run.count("SELECT count(*) FROM bank.outbox WHERE event_id = ?", oldPublished))
          .as("the old published row is gone")
          .isZero();
    }
  }

  @Test
  void theRelayRunsTheRetentionJob() throws Exception {
    OutboxSettings settings =
        OutboxSettings.defaults().withRetention(Duration.ofSeconds(1), Duration.ofMillis(200));
    try (OutboxRun run = OutboxRun.start("polling", settings, false)) {
      List<Receipt> receipts = run.record(3, "acct-1");
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(20));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> run.count("SELECT count(*) FROM bank.outbox") == 0);
      assertThat(run.count("SELECT count(*) FROM bank.committed_transactions"))
          .as("retention touches the outbox only, never the ledger")
          .isEqualTo(3);
    }
  }
}
