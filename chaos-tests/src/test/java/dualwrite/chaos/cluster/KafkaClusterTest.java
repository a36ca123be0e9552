package dualwrite.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Component;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.env.ExternalEnvironment;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.ClusterScenarios;
import dualwrite.chaos.scenario.RelayScenarios;
import dualwrite.chaos.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cluster suite: a three-broker KRaft cluster, started once for this class (in whichever test
 * JVM runs it), and the faults only a cluster has. Every run here asserts that its faults landed,
 * so a leader failover that met no traffic cannot pass for one the fixes survived.
 */
class KafkaClusterTest {

  private static LabEnvironment cluster() {
    return LabRuns.clusterRunner().environment();
  }

  @Test
  void everyPartitionOfARunKeepsThreeCopiesLedByOneBroker() throws Exception {
    try (RunSpace run = RunSpace.open(cluster(), "cluster-topics-" + System.nanoTime(), null);
        Admin admin = admin()) {
      assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
      TopicDescription events =
          admin
              .describeTopics(List.of(run.topics().events()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(run.topics().events());
      assertThat(events.partitions()).hasSize(RunSpace.EVENT_PARTITIONS);
      assertThat(events.partitions())
          .allSatisfy(p -> assertThat(p.replicas()).hasSize(3))
          .extracting(TopicPartitionInfo::leader)
          .extracting(node -> node.id())
          .containsOnly(events.partitions().get(0).leader().id());
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, run.topics().events());
      var config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
    }
  }

  /**
   * Each fix under one failover the cluster survives: a killed, an isolated and a frozen leader;
   * {@code ./lab compare --brokers 3} runs the whole matrix (every fix valid under every cluster
   * scenario but unclean-election, 2026-11-30).
   */
  @TestFactory
  Stream<DynamicTest> theFixesSurviveALeaderFailover() {
    // rolling-restart (24 s a run) is left to ./lab compare --brokers 3, which runs every pair
    Map<String, List<Scenario>> plan =
        Map.of(
            "outbox/polling", List.of(ClusterScenarios.leaderKill()),
            "outbox/cdc", List.of(ClusterScenarios.leaderIsolated()),
            "event-sourced/log-relay", List.of(ClusterScenarios.leaderPause()));
    return plan.entrySet().stream()
        .flatMap(
            entry ->
                entry.getValue().stream()
                    .map(
                        scenario ->
                            DynamicTest.dynamicTest(
                                entry.getKey() + " " + scenario.name(),
                                () -> {
                                  RunResult result = LabRuns.runOnCluster(entry.getKey(), scenario);
                                  assertThat(result.verdict().valid())
                                      .as("%s: %s", result.summary(), result.folder())
                                      .isEqualTo(Validity.VALID);
                                  assertThat(result.verdict().faults())
                                      .as("the scenario's faults, judged")
                                      .hasSize(
                                          (int)
                                              scenario.steps().stream()
                                                  .filter(step -> step.breaks())
                                                  .count());
                                  LabRuns.assertEveryFaultLanded(result);
                                })));
  }

  @Test
  void aRelayThatTrustsTheLeaderAloneLosesWhatAnIsolatedLeaderAcknowledged() {
    RunResult result =
        LabRuns.runOnCluster("outbox/unsafe-producer", ClusterScenarios.leaderIsolated());
    assertThat(result.verdict().valid())
        .as("%s: %s", result.summary(), result.folder())
        .isEqualTo(Validity.INVALID);
    // the rows were marked published on the zombie leader's word: lost, and nothing else broken
    assertThat(result.verdict().found())
        .as(result.summary())
        .contains(Anomaly.LOST)
        .doesNotContain(Anomaly.PHANTOM, Anomaly.FAILED_BUT_COMMITTED);
    LabRuns.assertEveryFaultLanded(result);
  }

  @Test
  void anUncleanElectionLosesWhatTheClusterAcknowledgedEvenToAFix() {
    RunResult result = LabRuns.runOnCluster("outbox/polling", ClusterScenarios.uncleanElection());
    assertThat(result.verdict().valid())
        .as("%s: %s", result.summary(), result.folder())
        .isEqualTo(Validity.INVALID);
    assertThat(result.verdict().found()).as(result.summary()).contains(Anomaly.LOST);
    assertThat(result.verdict().notes())
        .as("the verdict says whose promise broke")
        .anySatisfy(note -> assertThat(note).contains("Kafka broke its promise"));
    LabRuns.assertEveryFaultLanded(result);
  }

  /**
   * The external backend on a cluster: pointed at this cluster's servers and fault proxy as if they
   * were someone else's, it counts three brokers, finds the proxy of each component and broker, and
   * a link fault on relay->kafka cuts the relay off from every broker.
   */
  @Test
  void anExternalClusterIsReachedThroughOneProxyPerComponentAndBroker() {
    LabEnvironment cluster = cluster();
    Map<String, String> variables =
        Map.of(
            "LAB_POSTGRES_URL", cluster.directJdbcUrl("postgres"),
            "LAB_POSTGRES_USER", cluster.postgresUser(),
            "LAB_KAFKA_BOOTSTRAP", cluster.directKafkaBootstrap(),
            "LAB_TOXIPROXY_URL", cluster.toxiproxyUrl());
    try (ExternalEnvironment external = ExternalEnvironment.fromVariables(variables)) {
      assertThat(external.brokers()).isEqualTo(3);
      assertThat(external.kafkaBootstrap(Link.of(Component.RELAY, Server.KAFKA)).split(","))
          .as("the relay bootstraps through its proxy to each broker")
          .hasSize(3);
      Strategies.Choice polling = Strategies.parse("outbox/polling");
      RunResult result =
          new Runner(external, Path.of("target", "lab-runs"))
              .run(
                  polling.strategy(),
                  polling.variant(),
                  RelayScenarios.relayKafkaDown(),
                  RunOptions.DEFAULT);
      assertThat(result.verdict().valid())
          .as("%s: %s", result.summary(), result.folder())
          .isEqualTo(Validity.VALID);
      LabRuns.assertEveryFaultLanded(result);
    }
  }

  private static Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster().directKafkaBootstrap());
    return Admin.create(props);
  }
}
