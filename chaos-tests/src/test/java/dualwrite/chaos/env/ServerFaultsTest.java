package dualwrite.chaos.env;

import static dualwrite.chaos.env.EmbeddedEnvironmentTest.consumer;
import static dualwrite.chaos.env.EmbeddedEnvironmentTest.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The servers survive being killed and come back with what they had committed. */
class ServerFaultsTest {

  private final LabEnvironment environment = Environments.shared();

  @Test
  void theBrokerKeepsItsAcknowledgedRecordsThroughSigkillAndRestart() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "kill-" + shortId(), null)) {
      List<String> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer = producer(run.directKafka())) {
        for (int i = 0; i < 20; i++) {
          String value = "record-" + i;
          producer
              .send(new ProducerRecord<>(run.topics().events(), "k" + i, value))
              .get(10, TimeUnit.SECONDS);
          sent.add(value);
        }
      }

      environment.kafka().stop(ServerControl.Stop.KILL);
      assertThat(environment.kafka().isRunning()).as("the broker is down").isFalse();
      environment.kafka().start();

      try (KafkaConsumer<String, String> consumer = consumer(run.directKafka())) {
        consumer.subscribe(List.of(run.topics().events()));
        List<String> read = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                  return read.size() >= sent.size();
                });
        assertThat(read)
            .as("every acknowledged record survived the SIGKILL")
            .containsExactlyInAnyOrderElementsOf(sent);
      }
    }
  }

  @Test
  void postgresKeepsItsCommittedRowsThroughAnImmediateStopAndRestart() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "pg-" + shortId(), null)) {
      try (Connection connection =
              EmbeddedEnvironmentTest.connect(run.directDatabase().jdbcUrl(), environment);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kept (n int)");
        statement.execute("INSERT INTO kept SELECT generate_series(1, 100)");
      }

      environment.postgres().stop(ServerControl.Stop.IMMEDIATE);
      assertThat(environment.postgres().isRunning()).as("PostgreSQL is down").isFalse();
      environment.postgres().start();

      try (Connection connection =
              EmbeddedEnvironmentTest.connect(run.directDatabase().jdbcUrl(), environment);
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT count(*) FROM kept")) {
        row.next();
        assertThat(row.getInt(1))
            .as("every committed row came back after crash recovery")
            .isEqualTo(100);
      }
    }
  }

  @Test
  void aPausedBrokerAnswersNothingUntilResumed() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "pause-" + shortId(), null);
        KafkaProducer<String, String> producer = producer(run.directKafka())) {
      producer
          .send(new ProducerRecord<>(run.topics().events(), "k", "warm"))
          .get(10, TimeUnit.SECONDS);
      environment.kafka().pause();
      try {
        var pending = producer.send(new ProducerRecord<>(run.topics().events(), "k", "held"));
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(2))
            .until(() -> !pending.isDone());
        environment.kafka().resume();
        assertThat(pending.get(10, TimeUnit.SECONDS).offset())
            .as("the held send completes once the broker runs again")
            .isEqualTo(1);
      } finally {
        environment.kafka().resume();
      }
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
