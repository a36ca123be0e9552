package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The external backend names what is missing or unreachable, quickly. */
class ExternalEnvironmentTest {

  @Test
  void aMissingVariableIsNamed() {
    assertThatThrownBy(() -> ExternalEnvironment.fromVariables(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LAB_POSTGRES_URL");
  }

  @Test
  void anUnreachablePostgresIsNamedWithItsVariableAndAddressWithinSeconds() {
    int closed = Ports.freePort();
    Map<String, String> variables =
        Map.of(
            "LAB_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/postgres",
            "LAB_POSTGRES_USER", "lab",
            "LAB_KAFKA_BOOTSTRAP", "127.0.0.1:" + closed,
            "LAB_TOXIPROXY_URL", "http://127.0.0.1:" + closed);

    long started = System.nanoTime();
    assertThatThrownBy(() -> ExternalEnvironment.fromVariables(variables))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LAB_POSTGRES_URL")
        .hasMessageContaining("127.0.0.1:" + closed);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the error comes within seconds")
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anUnreachableKafkaIsNamedWithItsVariableAndAddressWithinSeconds() {
    LabEnvironment embedded = Environments.shared();
    int closed = Ports.freePort();
    Map<String, String> variables =
        Map.of(
            "LAB_POSTGRES_URL", embedded.directJdbcUrl("postgres"),
            "LAB_POSTGRES_USER", embedded.postgresUser(),
            "LAB_KAFKA_BOOTSTRAP", "127.0.0.1:" + closed,
            "LAB_TOXIPROXY_URL", embedded.toxiproxyUrl());

    long started = System.nanoTime();
    assertThatThrownBy(() -> ExternalEnvironment.fromVariables(variables))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LAB_KAFKA_BOOTSTRAP")
        .hasMessageContaining("127.0.0.1:" + closed);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the error comes within seconds")
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aToxiproxyWithoutTheKafkaProxiesIsExplained() throws Exception {
    LabEnvironment embedded = Environments.shared();
    // the embedded fault proxy has every proxy; a fresh one has none
    try (var bare = dualwrite.faultproxy.FaultProxyServer.start("127.0.0.1", 0)) {
      Map<String, String> variables =
          Map.of(
              "LAB_POSTGRES_URL", embedded.directJdbcUrl("postgres"),
              "LAB_POSTGRES_USER", embedded.postgresUser(),
              "LAB_KAFKA_BOOTSTRAP", embedded.directKafkaBootstrap(),
              "LAB_TOXIPROXY_URL", bare.controlUrl());
      assertThatThrownBy(() -> ExternalEnvironment.fromVariables(variables))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("bank-kafka")
          .hasMessageContaining("advertises");
      assertThat(new ToxiproxyClient("127.0.0.1", bare.port()).getProxies())
          .as("the PostgreSQL proxies it had created are deleted again")
          .isEmpty();
    }
  }

  @Test
  void aPasswordInTheUrlIsRefusedWithoutBeingShown() {
    Map<String, String> variables =
        Map.of(
            "LAB_POSTGRES_URL", "jdbc:postgresql://db:5432/postgres?user=lab&password=s3cret",
            "LAB_POSTGRES_USER", "lab",
            "LAB_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
            "LAB_TOXIPROXY_URL", "http://127.0.0.1:8474");
    assertThatThrownBy(() -> ExternalEnvironment.fromVariables(variables))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LAB_POSTGRES_PASSWORD")
        .hasMessageNotContaining("s3cret");
    for (String url :
        new String[] {
          "postgresql://lab:s3cret@db/postgres", // no jdbc: prefix
          "jdbc:postgresql://lab:s3cret@db1,db2/postgres", // several hosts
          "jdbc:postgresql://lab:s3/cret@db/postgres" // an authority Java cannot parse
        }) {
      Map<String, String> withCredentials = new java.util.HashMap<>(variables);
      withCredentials.put("LAB_POSTGRES_URL", url);
      assertThatThrownBy(() -> ExternalEnvironment.fromVariables(withCredentials))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LAB_POSTGRES_URL")
          .hasMessageNotContaining("s3");
    }
  }

  @Test
  void malformedAddressesAreNamedWithTheirVariable() {
    assertThatThrownBy(
            () ->
                ExternalEnvironment.fromVariables(
                    Map.of(
                        "LAB_POSTGRES_URL", "postgres://db/postgres",
                        "LAB_POSTGRES_USER", "lab",
                        "LAB_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
                        "LAB_TOXIPROXY_URL", "http://127.0.0.1:8474")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LAB_POSTGRES_URL must look like jdbc:postgresql://");
    assertThatThrownBy(
            () ->
                ExternalEnvironment.fromVariables(
                    Map.of(
                        "LAB_POSTGRES_URL", "jdbc:postgresql://db/postgres",
                        "LAB_POSTGRES_USER", "lab",
                        "LAB_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
                        "LAB_TOXIPROXY_URL", "toxiproxy at port 8474")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LAB_TOXIPROXY_URL must look like http://host:8474");
  }
}
