package dualwrite.chaos.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Kafka as the embedded environment runs it: one node, or a KRaft cluster of several (each broker
 * and controller in one child JVM) that share a cluster id and reach each other only through the
 * fault proxy. As a {@link ServerControl} it acts on every node at once (the catalogue's {@code
 * broker-kill} takes the whole of Kafka down); {@link #node} reaches one.
 */
final class LocalKafkaCluster implements ServerControl {

  private final List<LocalKafkaBroker> nodes;

  /**
   * @param home the folder for the nodes' folders ({@code kafka} for one node, {@code kafka/node-2}
   *     for one of several)
   * @param jvm how the nodes' JVMs are launched
   * @param size how many nodes: 1 or 3
   */
  LocalKafkaCluster(Path home, BrokerJvm jvm, int size) {
    if (size != 1 && size != 3) {
      throw new IllegalArgumentException("Kafka runs with 1 or 3 brokers here, not " + size);
    }
    List<LocalKafkaBroker> made = new ArrayList<>();
    if (size == 1) {
      made.add(new LocalKafkaBroker(home, jvm));
    } else {
      String clusterId = Uuid.randomUuid().toString();
      for (int id = 1; id <= size; id++) {
        LocalKafkaBroker node = new LocalKafkaBroker(home.resolve("node-" + id), jvm, id, size);
        node.clusterId(clusterId);
        made.add(node);
      }
    }
    this.nodes = List.copyOf(made);
  }

  int size() {
    return nodes.size();
  }

  /** Node {@code id}, counted from 1. */
  LocalKafkaBroker node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException(
          "no broker kafka-" + id + ": this Kafka has " + nodes.size());
    }
    return nodes.get(id - 1);
  }

  List<LocalKafkaBroker> nodes() {
    return nodes;
  }

  /** Every node's direct listener: the checker's bootstrap list. */
  String directBootstrap() {
    return nodes.stream().map(LocalKafkaBroker::directBootstrap).collect(Collectors.joining(","));
  }

  @Override
  public Server server() {
    return Server.KAFKA;
  }

  /**
   * Starts every node that is down, side by side (a quorum needs a majority before any answers).
   */
  @Override
  public void start() {
    try {
      CompletableFuture.allOf(
              nodes.stream()
                  .map(node -> CompletableFuture.runAsync(node::start))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (CompletionException e) {
      nodes.forEach(node -> node.stop(Stop.KILL)); // no half-started cluster stays behind
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Stops every node side by side: a node that waits for a quorum must not hold up the rest. */
  @Override
  public void stop(Stop how) {
    CompletableFuture.allOf(
            nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> node.stop(how)))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /** Deletes every node's data (not its logs). */
  void deleteData() throws IOException {
    for (LocalKafkaBroker node : nodes) {
      EmbeddedEnvironment.deleteRecursively(node.dataDir());
    }
  }

  @Override
  public void pause() {
    nodes.stream().filter(LocalKafkaBroker::isRunning).forEach(LocalKafkaBroker::pause);
  }

  @Override
  public void resume() {
    nodes.stream().filter(LocalKafkaBroker::isRunning).forEach(LocalKafkaBroker::resume);
  }

  /** True while every node's process is up. */
  @Override
  public boolean isRunning() {
    return nodes.stream().allMatch(LocalKafkaBroker::isRunning);
  }

  @Override
  public String toString() {
    return nodes.size() == 1
        ? nodes.get(0).toString()
        : "Kafka cluster of " + nodes.size() + " on " + directBootstrap();
  }
}
