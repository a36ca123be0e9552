package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.link;
import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.List;
import java.util.Map;

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
        fraudCrashBeforeCommit(),
        fraudCommitFails(),
        relayKafkaDown(),
        relayKafkaSlow(),
        relayKafkaBlackhole(),
        relayPostgresDown(),
        relayCrash("after-claim"),
        relayCrash("mid-batch"),
        relayCrash("after-publish"),
        relayCrash("cdc-after-publish"),
        twoRelaysCrashMidBatch(),
        brokerKill(),
        postgresImmediateStop(),
        stalledCommit(),
        leaderKill(),
        leaderPause(),
        leaderIsolated(),
        rollingRestart(),
        uncleanElection());
  }

  // region cluster-scenarios
  /** The leader of the events topic dies during traffic and comes back later with its data. */
  public static Scenario leaderKill() {
    return scenario(
            "leader-kill",
            "The broker that leads the events topic is killed (SIGKILL) while the relay publishes,"
                + " and restarts with its data three seconds later.")
        .clients(2)
        .records(8, 3)
        .broker(Step.LEADER, Action.KILL)
        .trickle(6, 3, 3, 250)
        .waitMillis(1500)
        .broker(Step.LEADER, Action.START)
        .awaitInSync(20_000)
        .records(4, 3)
        .build();
  }

  /**
   * The leader freezes (SIGSTOP) for longer than its session: the others elect a new leader, and
   * the old one comes back (SIGCONT) still believing it leads, with requests it took before it
   * froze.
   */
  public static Scenario leaderPause() {
    return scenario(
            "leader-pause",
            "The broker that leads the events topic freezes (SIGSTOP) for three seconds, longer"
                + " than its session, then comes back (SIGCONT) as a zombie leader.")
        .clients(2)
        .records(8, 3)
        .broker(Step.LEADER, Action.PAUSE)
        .trickle(10, 3, 3, 300)
        .broker(Step.LEADER, Action.RESUME)
        .awaitInSync(20_000)
        .records(4, 3)
        .build();
  }

  /**
   * The leader loses the other brokers (its followers and the controllers) while the relay still
   * reaches it: the others fence it and elect a new leader, while it keeps answering.
   */
  public static Scenario leaderIsolated() {
    return scenario(
            "leader-isolated",
            "The broker that leads the events topic is cut off from the other brokers and the"
                + " controllers for four seconds, while the relay can still reach it.")
        .clients(2)
        .records(8, 3)
        .isolate(Step.LEADER, false)
        .trickle(10, 3, 3, 300)
        .waitMillis(1000)
        .healAll()
        .awaitInSync(20_000)
        .records(4, 3)
        .build();
  }

  /**
   * Every broker restarts in turn, each once the replicas are in sync again, as an upgrade does.
   */
  public static Scenario rollingRestart() {
    ScenarioBuilder builder =
        scenario(
                "rolling-restart",
                "Each broker in turn shuts down (SIGTERM) and starts again during traffic, the"
                    + " next only once every replica is back in sync, as an upgrade does.")
            .clients(2)
            .records(6, 3);
    for (int broker = 1; broker <= 3; broker++) {
      builder
          .broker("kafka-" + broker, Action.STOP)
          .trickle(2, 3, 3, 250)
          .broker("kafka-" + broker, Action.START)
          .awaitInSync(20_000)
          .records(3, 3);
    }
    return builder.build();
  }

  /**
   * The leader's followers are cut off; with min.insync.replicas=1 it keeps taking writes alone;
   * then it dies, and unclean leader election makes a stale follower the leader. What only the old
   * leader had is gone, although the cluster acknowledged it to an {@code acks=all} producer.
   */
  public static Scenario uncleanElection() {
    return scenario(
            "unclean-election",
            "With min.insync.replicas=1 and unclean leader election on, the leader's followers are"
                + " cut off, it takes writes alone, then dies, and a stale follower is elected.")
        .clients(2)
        .configure(Map.of("min.insync.replicas", "1", "unclean.leader.election.enable", "true"))
        .records(6, 3)
        .isolate(Step.LEADER, true)
        // the leader drops its followers from the in-sync set after replica.lag.time.max.ms (3 s)
        .waitMillis(4000)
        .trickle(8, 3, 3, 250)
        .broker(Step.LEADER, Action.KILL)
        .waitMillis(3000)
        .healAll()
        .broker(Step.LEADER, Action.START)
        .awaitInSync(20_000)
        .records(4, 3)
        .build();
  }

  // endregion cluster-scenarios

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

  /**
   * The fraud service dies with its first batch's checks written and not committed. With the inbox
   * in the same transaction nothing of the batch is kept, and Kafka delivers it again; with the
   * inbox committed on its own ({@code --consumer inbox-outside-transaction}) the redelivered batch
   * is found already seen, and never checked.
   */
  public static Scenario fraudCrashBeforeCommit() {
    return scenario(
            "fraud-crash-before-commit",
            "The fraud service dies after writing its first batch of checks and before committing"
                + " them: Kafka delivers the batch again.")
        .crash("fraud", "before-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .restart("fraud")
        .records(2, 2)
        .build();
  }

  /**
   * The fraud service's database link drops as it commits its first batch of checks: the batch
   * rolls back and must be read again. A consumer that leaves its offsets to Kafka's auto-commit
   * ({@code --consumer auto-commit}) has moved past it by then.
   */
  public static Scenario fraudCommitFails() {
    return scenario(
            "fraud-commit-fails",
            "The fraud service's database link drops just before it commits its first batch of"
                + " checks: the transaction rolls back, and the batch must be read again.")
        .faultAt(
            "fraud", "before-db-commit", 1, new Fault.Down(link(Component.FRAUD, Server.POSTGRES)))
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .waitMillis(1000)
        .heal(link(Component.FRAUD, Server.POSTGRES))
        .records(2, 2)
        .build();
  }
}
