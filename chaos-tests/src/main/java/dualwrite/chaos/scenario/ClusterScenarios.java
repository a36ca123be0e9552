package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.Map;

/**
 * The catalogue's scenarios that need a Kafka cluster (three brokers): its leader killed, paused or
 * cut off, a rolling restart, an unclean election.
 */
public final class ClusterScenarios {

  private ClusterScenarios() {}

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
}
