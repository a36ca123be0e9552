package dualwrite.chaos.env;

import dualwrite.bank.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runs' topics on the environment's Kafka, and the admin client that makes them. */
final class RunTopics {

  private static final Logger log = LoggerFactory.getLogger(RunTopics.class);
  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private RunTopics() {}

  /**
   * Creates a run's topics: its events, with {@link RunSpace#EVENT_PARTITIONS} partitions, and its
   * dead letters, as many copies of each as the cluster has brokers (three at most).
   *
   * @throws IllegalStateException when the cluster refuses
   */
  static void create(LabEnvironment environment, Topics topics, String runId) {
    try (Admin kafka = kafkaAdmin(environment)) {
      // On a cluster every partition has three copies, and a write needs two of them (the
      // brokers' min.insync.replicas) before an acks=all producer hears it is stored.
      short copies = (short) Math.min(3, environment.brokers());
      NewTopic events =
          (copies > 1 && environment.backend().equals("embedded")
                  ? new NewTopic(
                      topics.events(), oneLeader(environment.brokers(), activeController(kafka)))
                  : new NewTopic(topics.events(), RunSpace.EVENT_PARTITIONS, copies))
              // The broker's clock says when an event was published: the checker's delivery lag.
              .configs(Map.of("message.timestamp.type", "LogAppendTime"));
      NewTopic deadLetters = new NewTopic(topics.deadLetters(), 1, copies);
      kafka.createTopics(List.of(events, deadLetters)).all().get(30, SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create the topics of run "
              + runId
              + " on "
              + environment.directKafkaBootstrap()
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Three copies of every partition of the events topic, all led by one broker picked at random
   * among those that are not the active controller: "the leader" that a cluster scenario kills or
   * cuts off is then the leader of every partition, and one fault meets all of the run's events.
   * The lab's nodes are brokers and controllers at once, but production clusters run their
   * controllers apart, where a partition's leader is never the active controller; cutting off a
   * leader that is also the controller would first cost a controller election and change the story.
   * The followers' order varies by partition, so a failover spreads the partitions over the other
   * two. (Only where the lab numbers the brokers 1, 2, 3: an external cluster places replicas its
   * own way.)
   *
   * @param controller the active controller's id, or -1 when unknown
   */
  private static Map<Integer, List<Integer>> oneLeader(int brokers, int controller) {
    List<Integer> candidates = new ArrayList<>();
    for (int id = 1; id <= brokers; id++) {
      if (id != controller) {
        candidates.add(id);
      }
    }
    int leader = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    List<Integer> followers = new ArrayList<>();
    for (int id = 1; id <= brokers; id++) {
      if (id != leader) {
        followers.add(id);
      }
    }
    Map<Integer, List<Integer>> assignment = new TreeMap<>();
    for (int partition = 0; partition < RunSpace.EVENT_PARTITIONS; partition++) {
      List<Integer> replicas = new ArrayList<>();
      replicas.add(leader);
      for (int i = 0; i < 2 && i < followers.size(); i++) {
        replicas.add(followers.get((partition + i) % followers.size()));
      }
      assignment.put(partition, replicas);
    }
    return assignment;
  }

  /** The node that leads the KRaft quorum now, or -1 when the cluster does not say. */
  private static int activeController(Admin kafka) {
    try {
      return kafka.describeMetadataQuorum().quorumInfo().get(10, SECONDS).leaderId();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not ask for the active controller: {}", e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for the active controller", e);
    }
  }

  static Admin kafkaAdmin(LabEnvironment environment) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.directKafkaBootstrap());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(props);
  }
}
