package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Receipt;
import dualwrite.outbox.OutboxSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row that Kafka refuses for itself (here: larger than a record may be) is parked with the reason
 * after a bounded number of attempts, and the rows behind it flow on.
 */
class OutboxPoisonEventIsParkedTest {

  @ParameterizedTest(name = "{0} relay")
  @ValueSource(strings = {"polling", "cdc"})
  void aTooLargeRowIsParkedAndLaterEventsArePublished(String variant) throws Exception {
    try (OutboxRun run = OutboxRun.start(variant, OutboxSettings.defaults(), false)) {
      List<Receipt> receipts = new ArrayList<>(run.record(2, "acct-1"));
      UUID poison = UUID.randomUUID();
      run.execute(
          "INSERT INTO bank.outbox (event_id, account_id, event_type, payload)"
              + " VALUES (?, 'acct-1', 'TransactionRecorded',"
              + " json_build_object('pad', repeat('x', 2 * 1024 * 1024)))",
          poison);
      receipts.addAll(run.record(3, "acct-1", "acct-2"));

      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  run.count(
                          "SELECT count(*) FROM bank.outbox"
                              + " WHERE event_id = ? AND parked_at IS NOT NULL",
                          poison)
                      == 1);

      try (Connection connection = run.direct.getConnection();
          PreparedStatement query =
              connection.prepareStatement(
                  "SELECT attempts, parked_reason, published_at FROM bank.outbox"
                      + " WHERE event_id = ?")) {
        query.setObject(1, poison);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          assertThat(row.getInt(1))
              .as("the poison was tried the bounded number of times")
              .isEqualTo(OutboxSettings.defaults().maxAttempts());
          assertThat(row.getString(2))
              .as("the parked row says why")
              .contains("RecordTooLargeException");
          assertThat(row.getObject(3)).as("a parked row is not published").isNull();
        }
        connection.commit();
      }
      assertThat(run.topic.eventIds())
          .as("the poison never reached the topic")
          .doesNotContain(poison);
      assertThat(run.backlog()).as("a parked row is no longer the relay's backlog").isZero();
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
