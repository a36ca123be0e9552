package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Component;
import dualwrite.bank.Receipt;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.ServiceNotReady;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only a fresh deployment is waited for. A relay restarted while its PostgreSQL link is cut (as the
 * nemesis may do in the middle of a scenario) cannot become ready, so its start returns at once
 * instead of hanging the run, and waiting for it gives up at its bound with the service's name.
 * Once the link is healed, it becomes ready and delivers.
 */
class OutboxRelayRestartDoesNotWaitOutAFaultTest {

  @ParameterizedTest
  @ValueSource(strings = {"polling", "cdc"})
  void aRestartBehindACutLinkReturnsAtOnceAndTheWaitForItIsBounded(String variant)
      throws Exception {
    try (OutboxRun run = OutboxRun.start(variant, OutboxSettings.defaults(), false)) {
      Service relay = run.relay(1);
      try {
        run.env.proxy(Link.of(Component.RELAY, Server.POSTGRES)).disable();
        relay.crash();
        CompletableFuture<Void> restart = CompletableFuture.runAsync(relay::start);
        await("a restart behind a cut link returns without waiting for the relay to be ready")
            .atMost(Duration.ofSeconds(5))
            .until(restart::isDone);
        restart.join(); // and did not fail

        assertThatThrownBy(() -> relay.awaitReady(Duration.ofSeconds(1)))
            .as("waiting for a relay that cannot reach its database gives up at its bound")
            .isInstanceOf(ServiceNotReady.class)
            .hasMessage(relay.name() + " was not ready within 1000 ms");
      } finally {
        run.env.toxiproxy().reset();
      }

      relay.awaitReady(Duration.ofSeconds(60));
      List<Receipt> receipts = run.record(3, "acct-1", "acct-2");
      run.awaitDelivered(OutboxRun.eventIds(receipts), Duration.ofSeconds(60));
    }
  }
}
