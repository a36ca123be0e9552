package dualwrite.chaos.env;

import java.util.Objects;

/**
 * One Kafka node's connection to another in a cluster, through a proxy of its own, so the nemesis
 * can cut a leader off from its followers while clients still reach it.
 *
 * @param from the node that connects (1, 2, 3)
 * @param to the node it connects to
 * @param plane what travels on it
 */
public record PeerLink(int from, int to, Plane plane) {

  /** What a connection between two nodes carries. */
  public enum Plane {
    /** {@code from} fetches its replicas of {@code to}'s partitions: Kafka's replication. */
    REPLICATION,
    /**
     * {@code from} talks to {@code to}'s controller: KRaft's quorum (votes, the metadata log) and,
     * when {@code to} is the active controller, {@code from}'s heartbeats and ISR changes.
     */
    CONTROLLER
  }

  public PeerLink {
    if (from < 1 || to < 1 || from == to) {
      throw new IllegalArgumentException(
          "a peer link joins two different nodes: " + from + "->" + to);
    }
    Objects.requireNonNull(plane, "plane");
  }

  /** The proxy's name: {@code kafka-2-kafka-1} for replication, {@code kafka-2-controller-1}. */
  public String proxyName() {
    return "kafka-" + from + "-" + (plane == Plane.REPLICATION ? "kafka-" : "controller-") + to;
  }

  @Override
  public String toString() {
    return "kafka-" + from + "->" + (plane == Plane.REPLICATION ? "kafka-" : "controller-") + to;
  }
}
