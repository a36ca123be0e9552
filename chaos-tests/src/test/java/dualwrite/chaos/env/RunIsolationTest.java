package dualwrite.chaos.env;

import static dualwrite.chaos.env.EmbeddedEnvironmentTest.connect;
import static dualwrite.chaos.env.EmbeddedEnvironmentTest.producer;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Runs share the servers and see no trace of each other. */
class RunIsolationTest {

  private final LabEnvironment environment = Environments.shared();

  @Test
  void twoRunsInARowSeeNoTraceOfEachOther() throws Exception {
    String firstDatabase;
    String firstTopic;
    try (RunSpace first = RunSpace.open(environment, "iso-" + shortId(), null)) {
      firstDatabase = first.database();
      firstTopic = first.topics().events();
      try (Connection connection = connect(first.directDatabase().jdbcUrl(), environment);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE left_behind (n int)");
      }
      try (KafkaProducer<String, String> producer = producer(first.directKafka())) {
        producer.send(new ProducerRecord<>(firstTopic, "k", "v")).get(10, TimeUnit.SECONDS);
      }
    }

    try (RunSpace second = RunSpace.open(environment, "iso-" + shortId(), null)) {
      assertThat(second.database()).isNotEqualTo(firstDatabase);
      try (Connection connection = connect(second.directDatabase().jdbcUrl(), environment);
          PreparedStatement tables =
              connection.prepareStatement("SELECT count(*) FROM pg_tables WHERE tablename = ?")) {
        tables.setString(1, "left_behind");
        try (ResultSet row = tables.executeQuery()) {
          row.next();
          assertThat(row.getInt(1)).as("the second run's database is fresh").isZero();
        }
      }
    }

    try (Connection admin = RunDatabases.adminConnection(environment);
        PreparedStatement databases =
            admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      databases.setString(1, firstDatabase);
      try (ResultSet row = databases.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).as("the first run's database was dropped").isZero();
      }
    }
    try (Admin kafka =
        Admin.create(Map.of("bootstrap.servers", environment.directKafkaBootstrap()))) {
      assertThat(kafka.listTopics().names().get(10, TimeUnit.SECONDS))
          .as("the first run's topics were deleted")
          .doesNotContain(firstTopic, firstTopic + ".dlt");
    }
  }

  @Test
  void aRunIdThatCannotNameADatabaseIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RunSpace.open(environment, "Robert'); DROP TABLE x;--", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad run id");
    assertThat(List.of()).isEmpty();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
