package dualwrite.workshop;

import dualwrite.bank.EventRecords;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A solution of exercise 9 (docs/exercises/09-build-the-relay.md): one relay at a time holds a
 * transaction-scoped advisory lock, reads the oldest pending rows, sends them, waits for every
 * acknowledgement, marks them and commits, which also releases the lock.
 */
public final class OutboxRelay {

  /** Any number the bank's database uses for nothing else: "the outbox relay's turn". */
  private static final long TURN = 0x0DB0_0B0FL;

  private static final int BATCH = 500;

  private static final String PENDING =
      """
      SELECT id, event_id, account_id, payload::text
        FROM bank.outbox
       WHERE published_at IS NULL AND parked_at IS NULL
       ORDER BY id
       LIMIT ?
      """;

  private static final String MARK =
      """
      UPDATE bank.outbox SET published_at = clock_timestamp(), published_by = ?
       WHERE id = ANY (?)
      """;

  private record Row(long id, UUID eventId, String accountId, String payload) {}

  public int relayOnce(Connection database, Producer<String, byte[]> producer, String topic)
      throws Exception {
    // 1. My turn? Two relays must never publish side by side (an account's order would split).
    try (PreparedStatement turn = database.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      turn.setLong(1, TURN);
      try (ResultSet held = turn.executeQuery()) {
        held.next();
        if (!held.getBoolean(1)) {
          database.rollback();
          return 0; // another relay is at work; the lab calls again in a moment
        }
      }
    }
    // 2. The oldest pending rows: id order is each account's commit order.
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement pending = database.prepareStatement(PENDING)) {
      pending.setInt(1, BATCH);
      try (ResultSet found = pending.executeQuery()) {
        while (found.next()) {
          rows.add(
              new Row(
                  found.getLong(1),
                  found.getObject(2, UUID.class),
                  found.getString(3),
                  found.getString(4)));
        }
      }
    }
    if (rows.isEmpty()) {
      database.commit();
      return 0;
    }
    // 3. Send them all, and stop the producer at the first failure, so that no later record of
    //    an account gets through before the one that failed.
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Row row : rows) {
      acks.add(
          producer.send(
              EventRecords.toRecord(
                  topic, row.accountId(), row.eventId(), row.payload().getBytes(StandardCharsets.UTF_8)),
              (metadata, failure) -> {
                if (failure != null) {
                  producer.close(Duration.ZERO); // drops everything queued behind it
                }
              }));
    }
    // 4. Only what Kafka acknowledged may be marked: get() throws if any record failed, and the
    //    lab then rolls back, so nothing of this batch is marked.
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    try (PreparedStatement mark = database.prepareStatement(MARK)) {
      Array ids = database.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
      mark.setString(1, "workshop");
      mark.setArray(2, ids);
      mark.executeUpdate();
    }
    database.commit(); // the marks, and the end of my turn
    return rows.size();
  }
}
