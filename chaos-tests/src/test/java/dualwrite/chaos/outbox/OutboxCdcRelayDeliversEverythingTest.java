package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CDC relay publishes every insert into the outbox, read from the write-ahead log, as the
 * proper record, and marks the rows published.
 */
class OutboxCdcRelayDeliversEverythingTest {

  @Test
  void everyCommittedEventIsPublishedOnceFromTheLog() throws Exception {
    long deployed = System.nanoTime();
    try (OutboxRun run = OutboxRun.start("cdc", OutboxSettings.defaults(), true)) {
      List<Receipt> first = run.record(1, "acct-1");
      run.awaitDelivered(OutboxRun.eventIds(first), Duration.ofSeconds(60));
      System.out.printf(
          "CDC relay: first event on the topic %d ms after deploy%n",
          (System.nanoTime() - deployed) / 1_000_000);

      List<Receipt> receipts = new java.util.ArrayList<>(first);
      receipts.addAll(run.record(40, "acct-1", "acct-2", "acct-3", "acct-4"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));

      assertThat(run.topic.all())
          .as("without faults each event is published exactly once")
          .hasSize(receipts.size());
      run.topic.assertFirstDeliveriesInAccountOrder();
      run.topic
          .all()
          .forEach(
              delivered ->
                  assertThat(delivered.event().eventId())
                      .as("the record's event-id header names the event in its value")
                      .isEqualTo(delivered.eventId()));
      assertThat(run.count("SELECT count(*) FROM bank.cdc_offsets"))
          .as("the relay's position is stored in PostgreSQL")
          .isPositive();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> run.count("SELECT count(*) FROM fraud.fraud_checks") == receipts.size());
    }
  }
}
