package dualwrite.chaos.run;

import dualwrite.bank.spi.Deployment;
import dualwrite.chaos.env.Polling;
import dualwrite.chaos.env.RunSpace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, after healing, until the system has nothing left in flight: the strategy's backlog is
 * empty, the fraud service has committed offsets up to the end of the topic, and on a cluster every
 * replica of the events topic has caught up with its leader, twice in a row. A fixed wait would be
 * either too long for most runs or too short for some.
 *
 * <p>The last condition matters to a producer with {@code acks=1}: the leader acknowledges a record
 * before its followers have it, and consumers (the checker's reader too) see it only once they do.
 * Read before that, an event on its way would pass for lost.
 */
public final class Settling {

  private static final Logger log = LoggerFactory.getLogger(Settling.class);

  private static final Duration POLL = Duration.ofMillis(50);

  private Settling() {}

  /**
   * Polls until the backlog is empty and the fraud service has caught up, twice in a row. An error
   * while asking (a server still coming back, a connection cut by the last fault) is no answer: it
   * asks again, on a fresh connection, until the deadline.
   *
   * @return true when settled, false when {@code timeout} passed first
   */
  public static boolean await(
      Deployment deployment, RunSpace run, String fraudGroup, Duration timeout) {
    return settle(deployment, run, fraudGroup, timeout).settled();
  }

  /**
   * Whether a run settled and, when it did not, what was still open at the deadline.
   *
   * @param open {@code 30 events still to publish, the fraud service's offsets 0 behind}, or why
   *     the lab could not ask; null when settled
   */
  public record Outcome(boolean settled, String open) {}

  /** As {@link #await}, with what stayed open when it did not settle. */
  public static Outcome settle(
      Deployment deployment, RunSpace run, String fraudGroup, Duration timeout) {
    try (Admin admin = Admin.create(Map.copyOf(run.directKafka()));
        Asking asking = new Asking(deployment, run, fraudGroup, admin)) {
      if (Polling.until(timeout, POLL, failure -> false, asking::quietTwiceInARow).done()) {
        return new Outcome(true, null);
      }
      // which condition stayed open is what a reader of an unknown verdict needs to know
      log.debug("{}: not settled after {}: {}", run.runId(), timeout, asking.lastSeen);
      return new Outcome(false, asking.lastSeen);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }

  /** One question after another, on one direct connection while it lasts. */
  private static final class Asking implements AutoCloseable {

    private final Deployment deployment;
    private final RunSpace run;
    private final String fraudGroup;
    private final Admin admin;
    private final Properties props = new Properties();
    private Connection direct;
    private int quietChecks;
    private String lastSeen = "not asked yet";

    Asking(Deployment deployment, RunSpace run, String fraudGroup, Admin admin) {
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
      if (direct == null || direct.isClosed()) {
        direct = DriverManager.getConnection(run.directDatabase().jdbcUrl(), props);
        direct.setAutoCommit(true);
      }
      long backlog = deployment.backlog(direct);
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

    @Override
    public void close() {
      closeQuietly(direct);
    }
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
  static long unreplicated(Admin admin, String topic)
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
  static long fraudLag(Admin admin, String group, String topic)
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
