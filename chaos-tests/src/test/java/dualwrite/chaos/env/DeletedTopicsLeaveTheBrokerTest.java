package dualwrite.chaos.env;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A run's topics leave the broker's disk within seconds of their deletion, so that a broker
 * restarted after a SIGKILL does not first recover the partitions of every run of the last minute
 * (see {@code BrokerConfig}). At Kafka's defaults the folders stay at least 60 s.
 */
class DeletedTopicsLeaveTheBrokerTest {

  private final LabEnvironment environment = Environments.shared();

  @Test
  void aDeletedTopicsFoldersAreGoneWithinSeconds() throws Exception {
    assumeTrue(environment instanceof EmbeddedEnvironment, "reads the embedded broker's folders");
    List<Path> dataDirs = ((EmbeddedEnvironment) environment).brokerDataDirs();
    assumeTrue(dataDirs.size() == 1, "one broker holds every partition");
    Path data = dataDirs.get(0);
    String topic = "deleted-folders-" + UUID.randomUUID();

    try (Admin admin = RunTopics.kafkaAdmin(environment)) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, SECONDS);
      // the topic's partitions are on disk, so their going away below means something
      await().atMost(Duration.ofSeconds(30)).until(() -> foldersOf(data, topic).size() == 3);
      admin.deleteTopics(List.of(topic)).all().get(30, SECONDS);
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(foldersOf(data, topic))
                    .as("the deleted topic's partition folders, renamed or not")
                    .isEmpty());
  }

  private static List<Path> foldersOf(Path data, String topic) throws IOException {
    try (Stream<Path> files = Files.list(data)) {
      return files.filter(f -> f.getFileName().toString().startsWith(topic + "-")).toList();
    }
  }
}
