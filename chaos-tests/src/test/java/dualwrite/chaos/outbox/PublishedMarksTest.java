package dualwrite.chaos.outbox;

import static dualwrite.chaos.OnConnection.onConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.outbox.OutboxSettings;
import dualwrite.outbox.PublishedMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CDC relay's mark of a published batch leaves no row of it unmarked, even a row whose insert
 * commits while the mark's UPDATE is running: that UPDATE's snapshot, taken at its start, does not
 * hold the row, but a look right after it does. The test makes that moment happen on purpose: the
 * UPDATE waits on a lock held on the batch's other row while the late row commits, then goes on.
 */
class PublishedMarksTest {

  private static final String INSERT =
      """
      INSERT INTO bank.outbox (event_id, account_id, event_type, payload)
      VALUES (?, 'acct-7', 'TransactionRecorded', '{}') RETURNING id
      """;

  @Test
  void aRowThatCommitsWhileTheMarkRunsIsMarkedToo() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      run.relay(1).stop(); // the rows below are the test's own
      try (Connection locker = run.direct.getConnection();
          Connection writer = run.direct.getConnection();
          Connection marker = run.direct.getConnection()) {
        long early = insert(locker, true);
        lock(locker, early); // the mark's UPDATE will wait here
        long late =
            insert(writer, false); // not committed yet: no snapshot before its commit has it
        int markerPid = pid(marker);

        CompletableFuture<Integer> mark =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    int absent =
                        PublishedMarks.markEvery(
                            onConnection(marker),
                            List.of(early, late),
                            "relay-test",
                            Duration.ofSeconds(5),
                            () -> {});
                    marker.commit();
                    return absent;
                  } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        await()
            .atMost(Duration.ofSeconds(10))
            .alias("the mark's UPDATE waits on the lock of the early row")
            .until(() -> waitsOnALock(run, markerPid));

        writer.commit(); // the late row now shows to every later statement, not to that UPDATE
        locker.commit(); // the UPDATE goes on, with the snapshot it began with

        assertThat(mark.get(10, TimeUnit.SECONDS)).as("no row of the batch is absent").isZero();
        assertThat(
                run.count(
                    "SELECT count(*) FROM bank.outbox WHERE id IN (?, ?) AND published_at IS NULL",
                    early,
                    late))
            .as("both rows are marked published, the late one included")
            .isZero();
      }
    }
  }

  private static long insert(Connection connection, boolean commit) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, UUID.randomUUID());
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        long id = row.getLong(1);
        if (commit) {
          connection.commit();
        }
        return id;
      }
    }
  }

  private static void lock(Connection connection, long id) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT id FROM bank.outbox WHERE id = ? FOR UPDATE")) {
      lock.setLong(1, id);
      lock.executeQuery().close();
    }
  }

  private static int pid(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT pg_backend_pid()");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  private static boolean waitsOnALock(OutboxRun run, int pid) throws SQLException {
    return run.count(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'", pid)
        == 1;
  }
}
