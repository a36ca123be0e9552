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
 *
 * <p>This class holds the list, the fault-free scenario, the bank's scenarios and the servers'; the
 * relay's, the fraud service's and the cluster's are in {@link RelayScenarios}, {@link
 * FraudScenarios} and {@link ClusterScenarios}.
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
        FraudScenarios.fraudCrashAfterCommit(),
        FraudScenarios.fraudCrashBeforeCommit(),
        FraudScenarios.fraudCommitFails(),
        RelayScenarios.relayKafkaDown(),
        RelayScenarios.relayKafkaSlow(),
        RelayScenarios.relayKafkaBlackhole(),
        RelayScenarios.relayPostgresDown(),
        RelayScenarios.relayCrash("after-claim"),
        RelayScenarios.relayCrash("mid-batch"),
        RelayScenarios.relayCrash("after-publish"),
        RelayScenarios.relayCrash("cdc-after-publish"),
        RelayScenarios.twoRelaysCrashMidBatch(),
        brokerKill(),
        postgresImmediateStop(),
        stalledCommit(),
        ClusterScenarios.leaderKill(),
        ClusterScenarios.leaderPause(),
        ClusterScenarios.leaderIsolated(),
        ClusterScenarios.rollingRestart(),
        ClusterScenarios.uncleanElection());
  }

  /** The scenarios that apply with {@code brokers} Kafka brokers: the cluster's need three. */
  public static List<Scenario> forBrokers(int brokers) {
    return all().stream().filter(s -> s.brokersNeeded() <= brokers).toList();
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
}
