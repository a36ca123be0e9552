package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.link;
import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.List;

/**
 * The fault catalogue: named scenarios, each one fault that happens in production, shown on a
 * small, fixed workload. A scenario that names a crash point or service a variant does not have
 * does not apply to that variant.
 */
public final class Catalogue {

  private Catalogue() {}

  /** Every catalogue scenario, in the order the report shows them. */
  public static List<Scenario> all() {
    return List.of(
        noFault(),
        crashAfterCommit(),
        bankKafkaDown(),
        ambiguousCommit(),
        commitFails(),
        crashAfterPublish(),
        crashAfterSendCall(),
        fraudCrashAfterCommit(),
        relayKafkaDown(),
        relayKafkaSlow(),
        relayPostgresDown(),
        relayCrash("after-claim"),
        relayCrash("mid-batch"),
        relayCrash("after-publish"),
        relayCrash("cdc-after-publish"),
        twoRelaysCrashMidBatch(),
        brokerKill(),
        postgresImmediateStop(),
        stalledCommit());
  }

  /**
   * @throws IllegalArgumentException naming the scenarios there are
   */
  public static Scenario named(String name) {
    return all().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + name
                        + "'; the catalogue: "
                        + all().stream().map(Scenario::name).toList()));
  }

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

  public static Scenario brokerKill() {
    return scenario(
            "broker-kill", "The Kafka broker is killed (SIGKILL) and restarted with its data.")
        .records(4, 2)
        .awaitClients()
        .server(Server.KAFKA, Action.KILL)
        .records(4, 2)
        .awaitClients()
        .server(Server.KAFKA, Action.START)
        .records(4, 2)
        .build();
  }

  public static Scenario postgresImmediateStop() {
    return scenario(
            "postgres-immediate-stop",
            "PostgreSQL stops in immediate mode, as in a power cut, and recovers from its WAL.")
        .records(4, 2)
        .awaitClients()
        .server(Server.POSTGRES, Action.STOP_IMMEDIATE)
        .records(1, 2)
        .awaitClients()
        .server(Server.POSTGRES, Action.START)
        .records(4, 2)
        .build();
  }

  public static Scenario stalledCommit() {
    return scenario(
            "stalled-commit",
            "A bank thread stalls for a second between writing and committing (a long GC pause):"
                + " transactions written after it commit before it.")
        .clients(3)
        .step(new Step.Stall("bank", "before-commit", 2, 1000))
        .records(15, 3)
        .build();
  }

  public static Scenario noFault() {
    return scenario(
            "no-fault", "Nothing breaks: three clients, three accounts, thirty transactions.")
        .clients(3)
        .records(30, 3)
        .build();
  }

  // region crash-after-commit
  public static Scenario crashAfterCommit() {
    return scenario(
            "crash-after-commit",
            "The bank dies right after its third commit, before anything else: a deploy, an OOM kill.")
        .crash("bank", "after-db-commit", 3)
        .records(5, 2)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  // endregion crash-after-commit

  public static Scenario bankKafkaDown() {
    return scenario(
            "bank-kafka-down",
            "The bank cannot reach Kafka for a while: a broken route, a firewall change.")
        .down(link(Component.BANK, Server.KAFKA))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.KAFKA))
        .records(2, 2)
        .build();
  }

  public static Scenario ambiguousCommit() {
    return scenario(
            "ambiguous-commit",
            "The database commits the second transaction but its answer never arrives: the"
                + " connection dies between COMMIT and its acknowledgement.")
        .faultAt(
            "bank",
            "before-commit",
            2,
            Fault.Toxic.timeout(link(Component.BANK, Server.POSTGRES), "downstream", 200))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.POSTGRES))
        .records(2, 2)
        .build();
  }

  public static Scenario commitFails() {
    return scenario(
            "commit-fails",
            "The bank's database link drops just before the second COMMIT is sent: the"
                + " transaction rolls back.")
        .faultAt("bank", "before-commit", 2, new Fault.Down(link(Component.BANK, Server.POSTGRES)))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.POSTGRES))
        .records(2, 2)
        .build();
  }

  public static Scenario crashAfterPublish() {
    return scenario(
            "crash-after-publish",
            "The bank dies after Kafka acknowledged the second event and before its commit.")
        .crash("bank", "after-publish", 2)
        .records(3, 2)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  public static Scenario crashAfterSendCall() {
    return scenario(
            "crash-after-send-call",
            "The bank dies while events still sit in its producer's buffer.")
        .crash("bank", "after-send-call", 3)
        .records(3, 3)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  public static Scenario fraudCrashAfterCommit() {
    return scenario(
            "fraud-crash-after-commit",
            "The fraud service dies after committing its checks and before committing its Kafka"
                + " offsets: Kafka delivers the batch again.")
        .crash("fraud", "after-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .restart("fraud")
        .records(2, 2)
        .build();
  }
}
