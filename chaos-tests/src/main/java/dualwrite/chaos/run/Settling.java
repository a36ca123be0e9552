package dualwrite.chaos.run;

import dualwrite.bank.spi.Deployment;
import dualwrite.chaos.env.RunSpace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits, after healing, until the system has nothing left in flight: the strategy's backlog is
 * empty and the fraud service has committed offsets up to the end of the topic, twice in a row. A
 * fixed wait would be either too long for most runs or too short for some.
 */
public final class Settling {

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
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietChecks = 0;
    Properties props = new Properties();
    props.setProperty("user", run.environment().postgresUser());
    props.setProperty("password", run.environment().postgresPassword());
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "10");
    try (Admin admin = Admin.create(Map.copyOf(run.directKafka()))) {
      Connection direct = null;
      try {
        while (System.nanoTime() < deadline) {
          boolean quiet;
          try {
            if (direct == null || direct.isClosed()) {
              direct = DriverManager.getConnection(run.directDatabase().jdbcUrl(), props);
              direct.setAutoCommit(true);
            }
            quiet =
                deployment.backlog(direct) == 0
                    && fraudLag(admin, fraudGroup, run.topics().events()) == 0;
          } catch (SQLException | ExecutionException | TimeoutException | KafkaException e) {
            quiet = false;
            closeQuietly(direct);
            direct = null;
          }
          quietChecks = quiet ? quietChecks + 1 : 0;
          if (quietChecks >= 2) {
            return true;
          }
          Thread.sleep(POLL.toMillis());
        }
        return false;
      } finally {
        closeQuietly(direct);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
        partitions.stream()
            .collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> end =
        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
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
