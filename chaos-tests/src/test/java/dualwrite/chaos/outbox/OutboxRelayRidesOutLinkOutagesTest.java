package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Component;
import dualwrite.bank.Receipt;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * While the relay's link to Kafka or to PostgreSQL is cut, the bank goes on committing and the
 * relay keeps trying without dying; when the link is back, everything is published.
 */
class OutboxRelayRidesOutLinkOutagesTest {

  @Test
  void theRelaySurvivesKafkaBeingAwayAndCatchesUp() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      List<Receipt> receipts = new ArrayList<>(run.record(5, "acct-1", "acct-2"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(20));
      try {
        run.env.proxy(Link.of(Component.RELAY, Server.KAFKA)).disable();
        long started = System.nanoTime();
        receipts.addAll(run.record(10, "acct-1", "acct-2", "acct-3"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("the bank commits at its own pace: it never waits for Kafka or for the relay")
            .isLessThan(Duration.ofSeconds(2));

        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    run.count("SELECT count(*) FROM bank.outbox WHERE last_error IS NOT NULL") > 0);
        assertThat(run.relay(1).isUp()).as("the relay is still running after failures").isTrue();
        // again, now that the relay surely holds lanes while it waits for Kafka to answer
        started = System.nanoTime();
        receipts.addAll(run.record(5, "acct-1", "acct-2", "acct-3"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("the bank does not wait for the lanes a relay holds")
            .isLessThan(Duration.ofSeconds(2));
        assertThat(run.backlog())
            .as("nothing new was published while Kafka was away")
            .isEqualTo(15);
        assertThat(run.count("SELECT count(*) FROM bank.outbox WHERE parked_at IS NOT NULL"))
            .as("an outage is not a poison: nothing is parked")
            .isZero();
      } finally {
        run.env.toxiproxy().reset();
      }
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }

  @Test
  void theRelaySurvivesPostgresBeingAwayAndCatchesUp() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      List<Receipt> receipts = new ArrayList<>(run.record(5, "acct-1"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(20));
      try {
        run.env.proxy(Link.of(Component.RELAY, Server.POSTGRES)).disable();
        receipts.addAll(run.record(10, "acct-1", "acct-2"));
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .until(() -> run.topic.all().size() == 5);
        assertThat(run.relay(1).isUp()).as("the relay is still running").isTrue();
      } finally {
        run.env.toxiproxy().reset();
      }
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(30));
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
