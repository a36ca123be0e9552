package dualwrite.workshop;

import dualwrite.bank.fraud.BatchHandler;
import dualwrite.bank.fraud.FraudRule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A solution of exercise 10 (docs/exercises/10-build-the-inbox.md): in one transaction, remember
 * the batch's event ids and check only those that were new; after the commit, the offsets.
 */
public final class FraudInbox implements BatchHandler {

  private static final String REMEMBER =
      """
      INSERT INTO fraud.processed_events (event_id) SELECT unnest(?::uuid[])
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private static final String CHECK =
      """
      INSERT INTO fraud.fraud_checks
             (event_id, transaction_id, account_id, sequence, amount_minor, flagged, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;

  @Override
  public void handle(List<Delivery> batch, DataSource database, Offsets offsets) throws Exception {
    try (Connection connection = database.getConnection()) {
      try {
        // 1. The inbox: the ids it did not hold yet come back; a redelivery comes back empty.
        Set<UUID> fresh = new HashSet<>();
        try (PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
          Array ids =
              connection.createArrayOf(
                  "uuid", batch.stream().map(d -> d.event().eventId()).toArray());
          remember.setArray(1, ids);
          try (ResultSet rows = remember.executeQuery()) {
            while (rows.next()) {
              fresh.add(rows.getObject(1, UUID.class));
            }
          }
        }
        // 2. A check for each new event, once (remove: twice in one batch is checked once).
        try (PreparedStatement check = connection.prepareStatement(CHECK)) {
          for (Delivery delivery : batch) {
            var event = delivery.event();
            if (!fresh.remove(event.eventId())) {
              continue;
            }
            FraudRule.Assessment assessment = FraudRule.DEFAULT.assess(event);
            check.setObject(1, event.eventId());
            check.setObject(2, event.transactionId());
            check.setString(3, event.accountId());
            check.setLong(4, event.sequence());
            check.setLong(5, event.amountMinor());
            check.setBoolean(6, assessment.flagged());
            check.setString(7, assessment.reason());
            check.addBatch();
          }
          check.executeBatch();
        }
        // 3. The inbox rows and the checks, together.
        connection.commit();
      } catch (Exception e) {
        connection.rollback();
        throw e;
      }
    }
    // 4. Only now the offsets: past the last record of each partition.
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (Delivery delivery : batch) {
      next.merge(
          delivery.partition(),
          new OffsetAndMetadata(delivery.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    offsets.commitSync(next);
  }
}
