package dualwrite.chaos.run;

import dualwrite.bank.spi.Deployment;
import dualwrite.chaos.env.RunSpace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks, for {@link Settling}, whether the system is quiet: one question after another, on one
 * direct connection while it lasts.
 */
final class QuietCheck implements AutoCloseable {

  private final Deployment deployment;
  private final RunSpace run;
  private final String fraudGroup;
  private final Admin admin;
  private final Properties props = new Properties();
  private Connection direct;
  private int quietChecks;
  private String lastSeen = "not asked yet";

  QuietCheck(Deployment deployment, RunSpace run, String fraudGroup, Admin admin) {
    this.deployment = deployment;
    this.run = run;
    this.fraudGroup = fraudGroup;
    this.admin = admin;
    props.setProperty("user", run.environment().postgresUser());
    props.setProperty("password", run.environment().postgresPassword());
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "10");
  }

  /**
   * An error while asking (a server still coming back, a connection cut by the last fault) is no
   * answer: the next question goes out on a fresh connection.
   */
  boolean quietTwiceInARow() throws InterruptedException {
    boolean quiet;
    try {
      quiet = quiet();
    } catch (SQLException | ExecutionException | TimeoutException | KafkaException e) {
      lastSeen = "could not ask: " + e;
      quiet = false;
      closeQuietly(direct);
      direct = null;
    }
    quietChecks = quiet ? quietChecks + 1 : 0;
    return quietChecks >= 2;
  }

  private boolean quiet()
      throws SQLException, ExecutionException, InterruptedException, TimeoutException {
    long backlog = deployment.backlog(connection());
    long lag = fraudLag(admin, fraudGroup, run.topics().events());
    boolean cluster = run.environment().brokers() > 1;
    long unreplicated = cluster ? unreplicated(admin, run.topics().events()) : 0;
    lastSeen =
        backlog
            + " events still to publish, the fraud service's offsets "
            + lag
            + " behind"
            + (cluster ? ", " + unreplicated + " partitions not fully copied" : "");
    return backlog == 0 && lag == 0 && unreplicated == 0;
  }

  /** What the last question found: what was still open, or why it could not ask. */
  String lastSeen() {
    return lastSeen;
  }

  /**
   * A closer look at what stays open ({@link StuckWork}), once the wait is over; empty when there
   * is nothing more to tell or no connection to ask on.
   */
  String stuck() {
    try {
      return StuckWork.describe(connection());
    } catch (SQLException e) {
      return "could not look closer: " + e.getMessage();
    }
  }

  /** The direct connection, opened again after an error dropped it. */
  private Connection connection() throws SQLException {
    if (direct == null || direct.isClosed()) {
      direct = DriverManager.getConnection(run.directDatabase().jdbcUrl(), props);
      direct.setAutoCommit(true);
    }
    return direct;
  }

  @Override
  public void close() {
    closeQuietly(direct);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken: nothing more to release
      }
    }
  }

  /**
   * How many partitions of the topic have replicas that differ in size: a follower that has not
   * copied all of its leader's log yet. (The admin API does not tell a leader's log end offset;
   * replicas that hold the same bytes hold the same records, and the next fetch moves the high
   * watermark up to them.)
   */
  private static long unreplicated(Admin admin, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<Integer> brokers =
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).toList();
    Map<TopicPartition, Set<Long>> sizes = new HashMap<>();
    for (var dirs :
        admin.describeLogDirs(brokers).allDescriptions().get(5, TimeUnit.SECONDS).values()) {
      for (var dir : dirs.values()) {
        dir.replicaInfos()
            .forEach(
                (partition, replica) -> {
                  if (partition.topic().equals(topic) && !replica.isFuture()) {
                    sizes.computeIfAbsent(partition, p -> new HashSet<>()).add(replica.size());
                  }
                });
      }
    }
    return sizes.values().stream().filter(distinct -> distinct.size() > 1).count();
  }

  /** Records on the topic beyond the fraud service's committed offsets. */
  private static long fraudLag(Admin admin, String group, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(5, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<TopicPartition, OffsetSpec> latest =
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> end =
        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(5, TimeUnit.SECONDS);
    long lag = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata done = committed.get(partition);
      lag += end.getOrDefault(partition, 0L) - (done == null ? 0 : done.offset());
    }
    return lag;
  }
}
