package dualwrite.chaos.env;

import dualwrite.bank.Component;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What a Kafka node's {@code server.properties} says, taken from the {@link LocalKafkaBroker} as it
 * starts: its listeners (the direct one, one per component, one per peer, the controller's) and
 * what each advertises, how its internal topics are replicated, its timings, and a laptop-sized
 * broker's threads and segments, with the settings a scenario gave over them.
 *
 * @param voters the quorum as this node reaches it
 * @param listeners the node's own listener for each component's link
 * @param advertised what each component's listener tells clients to connect to
 * @param peerListeners where each peer node fetches replicas from this one (a cluster's only)
 * @param peerAdvertised what each peer listener tells that peer to connect to
 * @param settings broker settings over the lab's defaults
 */
record BrokerConfig(
    int nodeId,
    int clusterSize,
    String voters,
    Path dataDir,
    String directBootstrap,
    String controllerAddress,
    Map<Component, String> listeners,
    Map<Component, String> advertised,
    Map<Integer, String> peerListeners,
    Map<Integer, String> peerAdvertised,
    Map<String, String> settings) {

  /** The node's {@code server.properties}. */
  Properties properties() {
    Properties config = new Properties();
    boolean cluster = clusterSize > 1;
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(nodeId));
    config.put("controller.quorum.voters", voters);
    config.put("controller.listener.names", "CONTROLLER");
    // In a cluster each node fetches replicas through a listener of its own name, which every
    // node advertises as the proxy of that pair: cutting kafka-2->kafka-1 stops node 2's fetches
    // from node 1 and nothing else.
    config.put("inter.broker.listener.name", cluster ? peerListenerName(nodeId) : "DIRECT");
    putListeners(config);
    config.put("log.dirs", dataDir.toString());
    putReplication(config, cluster);
    putTimings(config, cluster);
    // A laptop-sized broker.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", cluster ? "2" : "4");
    config.put("num.replica.fetchers", "1");
    config.put("background.threads", cluster ? "2" : "4");
    config.put("log.segment.bytes", Integer.toString(32 * 1024 * 1024));
    config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    // Nothing reads the broker's metrics over JMX, and registering its thousands of MBeans is a
    // sixth of the CPU a restart costs.
    config.put("metrics.jmx.exclude", ".*");
    // Every run deletes its topics, and a deleted partition's folder stays on disk until the log
    // manager's deletion task gets to it: not before 60 s (the delete delay), and not in the first
    // 30 s of a broker's life (the task's initial delay, an internal setting Kafka keeps for
    // tests). A test fork's broker held 40 to 220 such folders, and a broker that restarts after a
    // SIGKILL recovers every one of them before it serves: 1 to 2.8 s of a restart in CI.
    config.put("log.segment.delete.delay.ms", "1000");
    config.put("log.initial.task.delay.ms", "1000");
    config.putAll(settings);
    return config;
  }

  /** The direct listener, one per component, one per peer broker, and the controller's. */
  private void putListeners(Properties config) {
    StringBuilder listening = new StringBuilder("DIRECT://" + directBootstrap);
    StringBuilder advertisedListeners = new StringBuilder("DIRECT://" + directBootstrap);
    StringBuilder protocols = new StringBuilder("DIRECT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    for (Component component : Component.values()) {
      String name = listenerName(component);
      listening.append(',').append(name).append("://").append(listeners.get(component));
      advertisedListeners.append(',').append(name).append("://").append(advertised.get(component));
      protocols.append(',').append(name).append(":PLAINTEXT");
    }
    for (int peer : peerListeners.keySet()) {
      String name = peerListenerName(peer);
      listening.append(',').append(name).append("://").append(peerListeners.get(peer));
      advertisedListeners.append(',').append(name).append("://").append(peerAdvertised.get(peer));
      protocols.append(',').append(name).append(":PLAINTEXT");
    }
    listening.append(",CONTROLLER://").append(controllerAddress);
    config.put("listeners", listening.toString());
    config.put("advertised.listeners", advertisedListeners.toString());
    config.put("listener.security.protocol.map", protocols.toString());
  }

  /** Internal topics as replicated as the events: three copies, two in sync, on a cluster. */
  private void putReplication(Properties config, boolean cluster) {
    String replicas = Integer.toString(Math.min(3, clusterSize));
    config.put("offsets.topic.replication.factor", replicas);
    config.put("offsets.topic.num.partitions", "3");
    config.put("transaction.state.log.replication.factor", replicas);
    config.put("transaction.state.log.min.isr", cluster ? "2" : "1");
    config.put("transaction.state.log.num.partitions", "3");
    config.put("share.coordinator.state.topic.replication.factor", replicas);
    config.put("share.coordinator.state.topic.min.isr", cluster ? "2" : "1");
    config.put("default.replication.factor", replicas);
    config.put("min.insync.replicas", cluster ? "2" : "1");
    config.put("num.partitions", "3");
    config.put("auto.create.topics.enable", "false");
    config.put("delete.topic.enable", "true");
  }

  private static void putTimings(Properties config, boolean cluster) {
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("group.min.session.timeout.ms", "1000");
    // After a SIGKILL the controller waits out the dead incarnation's session before it lets the
    // restarted broker in: 9 s by default. A short session gets a restarted node back fast, and
    // fences a cut-off or frozen leader fast.
    config.put("broker.heartbeat.interval.ms", "200");
    config.put("broker.session.timeout.ms", cluster ? "2000" : "1000");
    if (cluster) {
      // A follower that stops fetching leaves the ISR after this long (30 s by default): long
      // enough to ride out a loaded laptop, short enough for a scenario.
      config.put("replica.lag.time.max.ms", "3000");
      // Leadership goes back to the preferred replica only when a scenario is long over.
      config.put("auto.leader.rebalance.enable", "false");
      config.put("controller.quorum.fetch.timeout.ms", "2000");
      config.put("controller.quorum.election.timeout.ms", "1000");
    }
  }

  private static String peerListenerName(int peer) {
    return "FROM" + peer;
  }

  private static String listenerName(Component component) {
    return component.name();
  }
}
