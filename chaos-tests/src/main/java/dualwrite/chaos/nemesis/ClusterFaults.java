package dualwrite.chaos.nemesis;

import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.PeerLink;
import dualwrite.chaos.env.ServerControl;
import dualwrite.chaos.scenario.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The faults only a Kafka cluster has, on the run's events topic: which broker leads it, a broker
 * cut off from the others, topic settings changed, replicas awaited back in sync. "The leader" is
 * the broker that leads most of the topic's partitions when a run first names it, and stays that
 * broker for the rest of the run, so {@code kill(leader)} and a later {@code start(leader)} act on
 * the same broker. Once every fault on it has ended (it started, resumed, or the network healed),
 * the next step that names the leader finds it again: after a failover that is another broker.
 */
final class ClusterFaults {

  private final LabEnvironment environment;
  private final String topic;
  private Integer leader;

  /** The faults on the pinned leader that have not ended: down, paused, isolated. */
  private final Set<String> onLeader = new TreeSet<>();

  ClusterFaults(LabEnvironment environment, String topic) {
    this.environment = environment;
    this.topic = topic;
  }

  /** The broker a step names, by number; resolving {@code leader} the first time it is named. */
  synchronized ResolvedBroker resolve(String broker) {
    if (!broker.equals(Step.LEADER)) {
      int id = Integer.parseInt(broker.substring("kafka-".length()));
      if (id > environment.brokers()) {
        throw new IllegalArgumentException(
            "no broker " + broker + ": this Kafka has " + environment.brokers());
      }
      return new ResolvedBroker(id, null);
    }
    if (leader != null) {
      return new ResolvedBroker(leader, null);
    }
    TopicDescription description = describe();
    Map<Integer, List<Integer>> led = new TreeMap<>();
    for (TopicPartitionInfo partition : description.partitions()) {
      Node node = partition.leader();
      if (node != null && !node.isEmpty()) {
        led.computeIfAbsent(node.id(), id -> new ArrayList<>()).add(partition.partition());
      }
    }
    if (led.isEmpty()) {
      throw new IllegalStateException("no partition of " + topic + " has a leader now");
    }
    int most =
        led.entrySet().stream()
            .max(Map.Entry.comparingByValue(Comparator.comparingInt(List::size)))
            .orElseThrow()
            .getKey();
    leader = most;
    return new ResolvedBroker(
        most,
        "the leader is kafka-"
            + most
            + " (it leads partitions "
            + led.get(most)
            + " of "
            + description.partitions().size()
            + ")");
  }

  /** Keeps track of the faults on the pinned leader after the nemesis took {@code step}. */
  synchronized void acted(Step step) {
    if (leader == null) {
      return;
    }
    if (step instanceof Step.BrokerFault fault && fault.broker().equals(Step.LEADER)) {
      switch (fault.action()) {
        case KILL, STOP, STOP_IMMEDIATE -> onLeader.add("down");
        case PAUSE -> onLeader.add("paused");
        case START -> onLeader.remove("down");
        case RESUME -> onLeader.remove("paused");
      }
    } else if (step instanceof Step.Isolate isolate && isolate.broker().equals(Step.LEADER)) {
      onLeader.add("isolated");
    } else if (step instanceof Step.HealAll) {
      onLeader.remove("isolated");
    }
    if (onLeader.isEmpty()) {
      leader = null;
    }
  }

  /** Everything healed: the next step that names the leader finds it again. */
  synchronized void healed() {
    onLeader.clear();
    leader = null;
  }

  ServerControl broker(int id) {
    return environment.broker(id);
  }

  /**
   * Cuts broker {@code id} off from every other broker, both ways: replication, and unless {@code
   * replicationOnly} the controllers too.
   */
  void isolate(int id, boolean replicationOnly) {
    try {
      for (int other = 1; other <= environment.brokers(); other++) {
        if (other == id) {
          continue;
        }
        for (PeerLink.Plane plane : PeerLink.Plane.values()) {
          if (replicationOnly && plane != PeerLink.Plane.REPLICATION) {
            continue;
          }
          environment.proxy(new PeerLink(other, id, plane)).disable();
          environment.proxy(new PeerLink(id, other, plane)).disable();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused to isolate kafka-" + id, e);
    }
  }

  /** Sets settings of the events topic. */
  void configure(Map<String, String> settings) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Collection<AlterConfigOp> ops =
        settings.entrySet().stream()
            .map(
                e ->
                    new AlterConfigOp(
                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
    try (Admin admin = admin()) {
      admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka refused to configure " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while configuring " + topic, e);
    }
  }

  /**
   * Waits until every partition of the events topic has all its replicas in sync, for at most
   * {@code maxMillis}.
   *
   * @return empty when they are, else what is still out of sync
   */
  Optional<String> awaitInSync(long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    String behind = "not asked";
    while (true) {
      try {
        behind = outOfSync(describe());
        if (behind.isEmpty()) {
          return Optional.empty();
        }
      } catch (RuntimeException e) {
        behind = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(behind);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while awaiting replicas in sync", e);
      }
    }
  }

  private static String outOfSync(TopicDescription description) {
    List<String> behind = new ArrayList<>();
    for (TopicPartitionInfo partition : description.partitions()) {
      if (partition.isr().size() < partition.replicas().size()) {
        behind.add(
            "partition "
                + partition.partition()
                + " in sync "
                + partition.isr().stream().map(Node::id).toList()
                + " of "
                + partition.replicas().stream().map(Node::id).toList());
      }
    }
    return String.join("; ", behind);
  }

  private TopicDescription describe() {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .get(topic);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topic, e);
    }
  }

  /** A short-lived admin client: the nemesis acts on the cluster a few times per run. */
  private Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.directKafkaBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 9000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    return Admin.create(props);
  }
}
