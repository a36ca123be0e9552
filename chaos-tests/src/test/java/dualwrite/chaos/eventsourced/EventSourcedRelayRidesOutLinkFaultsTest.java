package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Component;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.bank.spi.Service;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import eu.rekawek.toxiproxy.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checks that the relay survives its links to Kafka and PostgreSQL going down. */
class EventSourcedRelayRidesOutLinkFaultsTest {

  @Test
  void theRelayRidesOutItsKafkaAndPostgresLinksGoingDown() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      Service relay = lab.service("relay-1");
      Proxy kafka = lab.env.proxy(Link.of(Component.RELAY, Server.KAFKA));
      Proxy postgres = lab.env.proxy(Link.of(Component.RELAY, Server.POSTGRES));
      try {
        record(lab, 10);
        lab.awaitEverythingDelivered(Duration.ofSeconds(30));

        kafka.disable();
        Set<UUID> duringKafkaCut = record(lab, 20);
        // Longer than the producer's delivery timeout: its sends fail, and it must carry on.
        await()
            .during(Duration.ofSeconds(5))
            .atMost(Duration.ofSeconds(8))
            .until(() -> relay.isUp() && lab.backlog() == 20);
        kafka.enable();
        Deliveries afterKafka = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
        assertThat(afterKafka.transactionIds())
            .as("what was recorded while Kafka was away is published once it is back")
            .containsAll(duringKafkaCut);

        postgres.disable();
        Set<UUID> duringPostgresCut = record(lab, 20); // the bank's own link is fine
        await()
            .during(Duration.ofSeconds(4))
            .atMost(Duration.ofSeconds(7))
            .until(
                () ->
                    relay.isUp()
                        && lab.deliveries().transactionIds().stream()
                            .noneMatch(duringPostgresCut::contains));
        postgres.enable();
        Deliveries afterPostgres = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
        assertThat(afterPostgres.transactionIds())
            .as("what was recorded while the relay could not read is published once it can")
            .containsAll(duringPostgresCut);

        Set<UUID> afterHealing = record(lab, 5);
        Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
        assertThat(delivered.transactionIds())
            .as("the relay is still working after both faults")
            .containsAll(afterHealing);
        assertThat(relay.isUp()).as("the relay never died").isTrue();
        assertThat(delivered.lost(lab.committed())).as("nothing is lost").isEmpty();
        assertThat(delivered.orderViolations()).as("each account's order holds").isEmpty();
      } finally {
        lab.env.toxiproxy().reset();
      }
    }
  }

  private static Set<UUID> record(EventSourcedRun lab, int count) throws TransactionFailed {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      TransactionRequest request =
          TransactionRequest.of("acct-" + (1 + i % 3), TransactionType.PAYMENT, 250, "EUR");
      lab.bank().record(request);
      ids.add(request.transactionId());
    }
    return ids;
  }
}
