package dualwrite.chaos.env;

import static dualwrite.chaos.env.EmbeddedEnvironmentTest.connect;
import static dualwrite.chaos.env.EmbeddedEnvironmentTest.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.bank.Component;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every link really goes through its own proxy, so a fault on one link hits that link alone. */
class LinksTest {

  private final LabEnvironment environment = Environments.shared();

  @AfterEach
  void heal() throws Exception {
    environment.toxiproxy().reset();
  }

  @Test
  void aDisabledDatabaseLinkFailsItsComponentAndSparesTheOthers() throws Exception {
    environment.proxy(Link.of(Component.BANK, Server.POSTGRES)).disable();

    long started = System.nanoTime();
    assertThatThrownBy(() -> query("SELECT 1", Component.BANK))
        .as("the bank cannot reach PostgreSQL through its cut link");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("and finds out within its connect timeout")
        .isLessThan(Duration.ofSeconds(5));
    query("SELECT 1", Component.RELAY);
    query("SELECT 1", Component.FRAUD);
  }

  @Test
  void aDisabledKafkaLinkFailsItsComponentsSendsAndSparesTheOthers() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "links-" + shortId(), null);
        KafkaProducer<String, String> relay = producer(run.kafka(Component.RELAY));
        KafkaProducer<String, String> bank = producer(run.kafka(Component.BANK))) {
      environment.proxy(Link.of(Component.RELAY, Server.KAFKA)).disable();

      assertThatThrownBy(
              () ->
                  relay
                      .send(new ProducerRecord<>(run.topics().events(), "k", "v"))
                      .get(10, TimeUnit.SECONDS))
          .as("the relay's send fails within its delivery timeout")
          .isInstanceOf(ExecutionException.class);
      bank.send(new ProducerRecord<>(run.topics().events(), "k", "v")).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void latencyOnOneLinkSlowsThatLinkAndNoOther() throws Exception {
    try (Connection bank = connect(url(Component.BANK), environment);
        Connection relay = connect(url(Component.RELAY), environment)) {
      environment
          .proxy(Link.of(Component.BANK, Server.POSTGRES))
          .toxics()
          .latency("slow", ToxicDirection.DOWNSTREAM, 200);

      assertThat(roundTripMillis(bank))
          .as("a round trip on the slowed link takes at least the 200 ms added")
          .isGreaterThanOrEqualTo(200);
      assertThat(roundTripMillis(relay))
          .as("a round trip on another link is not slowed")
          .isLessThan(150);
    }
  }

  @Test
  void aKafkaClientThatBootstrappedOnALinkKeepsTalkingThroughIt() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "boot-" + shortId(), null);
        KafkaProducer<String, String> bank = producer(run.kafka(Component.BANK))) {
      bank.send(new ProducerRecord<>(run.topics().events(), "k", "before"))
          .get(10, TimeUnit.SECONDS);

      environment.proxy(Link.of(Component.BANK, Server.KAFKA)).disable();

      assertThatThrownBy(
              () ->
                  bank.send(new ProducerRecord<>(run.topics().events(), "k", "after"))
                      .get(10, TimeUnit.SECONDS))
          .as(
              "after bootstrap the producer's traffic still goes through the bank's proxy,"
                  + " so cutting that proxy mid-session cuts the producer off")
          .isInstanceOf(ExecutionException.class);
    }
  }

  private String url(Component component) {
    return environment.jdbcUrl(Link.of(component, Server.POSTGRES), "postgres");
  }

  private void query(String sql, Component component) throws Exception {
    try (Connection connection = connect(url(component), environment);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long roundTripMillis(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1"); // warm: parse and plan once
      long started = System.nanoTime();
      statement.execute("SELECT 1");
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
