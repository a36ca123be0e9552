package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Component;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers backend, for machines with Docker. Without a Docker engine every test here is
 * reported as skipped, not failed.
 */
@EnabledIf(value = "dockerAnswers", disabledReason = "no Docker engine answers here")
class ContainerEnvironmentTest {

  private static ContainerEnvironment environment;

  static boolean dockerAnswers() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @BeforeAll
  static void start() {
    environment = ContainerEnvironment.start();
  }

  @AfterAll
  static void stop() {
    if (environment != null) {
      environment.close();
    }
  }

  @Test
  void postgresAnswersThroughTheBanksLink() throws Exception {
    try (Connection connection =
            EmbeddedEnvironmentTest.connect(
                environment.jdbcUrl(Link.of(Component.BANK, Server.POSTGRES), "postgres"),
                environment);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW wal_level")) {
      row.next();
      assertThat(row.getString(1)).as("CDC needs logical decoding").isEqualTo("logical");
    }
  }

  @Test
  void aRecordSentThroughTheBanksKafkaLinkIsReadDirectly() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "tc-" + System.nanoTime() % 100000, null);
        var producer = EmbeddedEnvironmentTest.producer(run.kafka(Component.BANK))) {
      var sent =
          producer
              .send(
                  new org.apache.kafka.clients.producer.ProducerRecord<>(
                      run.topics().events(), "k", "v"))
              .get();
      assertThat(sent.offset()).isZero();
    }
  }
}
