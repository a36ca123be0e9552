package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.link;
import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;

/**
 * The catalogue's scenarios that break the relay: its links to Kafka and PostgreSQL, and crashes at
 * its crash points.
 */
public final class RelayScenarios {

  private RelayScenarios() {}

  public static Scenario relayKafkaDown() {
    return scenario(
            "relay-kafka-down",
            "The relay loses Kafka for two seconds while the bank keeps committing.")
        .records(4, 2)
        .down(link(Component.RELAY, Server.KAFKA))
        .records(6, 2)
        .waitMillis(2000)
        .heal(link(Component.RELAY, Server.KAFKA))
        .records(4, 2)
        .build();
  }

  /**
   * The relay's link to Kafka swallows every byte without closing, longer than a producer's
   * delivery timeout, as a firewall that drops packets does: a send returns at once (the connection
   * looks fine), and the record expires in the producer unanswered. (A link that refuses
   * connections is found out at once: the client drops its metadata and the next send fails before
   * it returns.)
   */
  public static Scenario relayKafkaBlackhole() {
    return scenario(
            "relay-kafka-blackhole",
            "The relay's Kafka link drops everything it sends, without closing, for six seconds:"
                + " longer than the producer's delivery timeout (4 s).")
        .records(4, 2)
        .awaitClients()
        // the relay publishes those first: its producer knows where the topic is
        .waitMillis(1000)
        .inject(Fault.Toxic.timeout(link(Component.RELAY, Server.KAFKA), "upstream", 0))
        .trickle(4, 2, 2, 500)
        .waitMillis(4000)
        .heal(link(Component.RELAY, Server.KAFKA))
        .records(4, 2)
        .build();
  }

  public static Scenario relayKafkaSlow() {
    return scenario(
            "relay-kafka-slow",
            "The relay's Kafka link turns slow (300 ms), then stops answering for a while.")
        .clients(2)
        .inject(Fault.Toxic.latency(link(Component.RELAY, Server.KAFKA), 300))
        .records(8, 2)
        .waitMillis(600)
        .heal(link(Component.RELAY, Server.KAFKA))
        .inject(Fault.Toxic.timeout(link(Component.RELAY, Server.KAFKA), "downstream", 1000))
        .records(6, 2)
        .waitMillis(1500)
        .heal(link(Component.RELAY, Server.KAFKA))
        .records(2, 2)
        .build();
  }

  public static Scenario relayPostgresDown() {
    return scenario(
            "relay-postgres-down",
            "The relay loses its database for two seconds: for CDC, its replication connection.")
        .records(4, 2)
        .down(link(Component.RELAY, Server.POSTGRES))
        .records(6, 2)
        .waitMillis(2000)
        .heal(link(Component.RELAY, Server.POSTGRES))
        .records(4, 2)
        .build();
  }

  /**
   * The relay dies at one of its crash points with a backlog in front of it: it is stopped while
   * ten transactions commit, then armed and started, then restarted after it died.
   */
  public static Scenario relayCrash(String point) {
    return scenario(
            "relay-crash-" + point,
            "The relay dies at " + point + " with ten events waiting, then comes back.")
        .clients(2)
        .kill("relay")
        .records(10, 3)
        .awaitClients()
        .crash("relay", point, 1)
        .restart("relay")
        .awaitArmed(10_000)
        .restart("relay")
        .records(4, 3)
        .build();
  }

  public static Scenario twoRelaysCrashMidBatch() {
    return scenario(
            "two-relays-crash-mid-batch",
            "Two relays run side by side; the one that publishes dies in the middle of a batch.")
        .relays(2)
        .clients(2)
        .kill("relay-1")
        .kill("relay-2")
        .records(10, 3)
        .awaitClients()
        .crash("relay", "mid-batch", 1)
        .restart("relay-1")
        .restart("relay-2")
        .awaitArmed(10_000)
        .records(6, 3)
        .waitMillis(500)
        .build();
  }
}
