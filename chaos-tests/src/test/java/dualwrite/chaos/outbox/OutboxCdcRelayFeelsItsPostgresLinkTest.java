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
 * The CDC relay's replication connection goes through the relay's PostgreSQL link: cutting that
 * link stops delivery while the bank goes on committing, and healing it resumes delivery with
 * nothing lost. (Were the connection to bypass the proxy, delivery would not stop.)
 */
class OutboxCdcRelayFeelsItsPostgresLinkTest {

  @Test
  void cuttingTheRelaysPostgresLinkStopsDeliveryAndHealingItResumes() throws Exception {
    try (OutboxRun run = OutboxRun.start("cdc", OutboxSettings.defaults(), false)) {
      List<Receipt> receipts = new ArrayList<>(run.record(5, "acct-1", "acct-2"));
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));
      try {
        run.env.proxy(Link.of(Component.RELAY, Server.POSTGRES)).disable();
        receipts.addAll(run.record(10, "acct-1", "acct-2", "acct-3"));
        await()
            .during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(5))
            .until(() -> run.topic.all().size() == 5);
        assertThat(run.relay(1).isUp()).as("the relay is still running").isTrue();
      } finally {
        run.env.toxiproxy().reset();
      }
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));
      run.topic.assertFirstDeliveriesInAccountOrder();
    }
  }
}
