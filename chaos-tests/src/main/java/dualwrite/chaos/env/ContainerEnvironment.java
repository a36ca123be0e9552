package dualwrite.chaos.env;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import dualwrite.bank.Component;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * The Testcontainers backend, for users who have Docker: PostgreSQL, Kafka and the real Toxiproxy
 * in containers on one network. Each component's Kafka listener advertises the host port of its
 * Toxiproxy proxy, so clients stay behind the proxy after bootstrapping.
 *
 * <p>Every published port is bound to 127.0.0.1 on a port chosen up front, so that a container
 * stopped and started again by the nemesis comes back on the same address.
 */
public final class ContainerEnvironment implements LabEnvironment {

  public static final String POSTGRES_IMAGE = "postgres:17-alpine";
  public static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
  public static final String TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

  private static final int TOXIPROXY_CONTROL = 8474;
  private static final int FIRST_PROXY_PORT = 8666;
  private static final int KAFKA_PORT = 9092;
  private static final int POSTGRES_PORT = 5432;

  private final Network network = Network.newNetwork();
  private final Map<Integer, Integer> toxiproxyPorts = new LinkedHashMap<>();
  private final int kafkaHostPort = Ports.freePort();
  private final int postgresHostPort = Ports.freePort();
  private final ToxiproxyContainer toxiproxyContainer;
  private final PostgreSQLContainer postgresContainer;
  private final KafkaContainer kafkaContainer;
  private final Map<Link, Proxy> proxies = new LinkedHashMap<>();
  private ToxiproxyClient toxiproxy;

  private ContainerEnvironment() {
    List<Integer> inside = new ArrayList<>(List.of(TOXIPROXY_CONTROL));
    for (int i = 0; i < Link.all().size(); i++) {
      inside.add(FIRST_PROXY_PORT + i);
    }
    inside.forEach(port -> toxiproxyPorts.put(port, Ports.freePort()));
    toxiproxyContainer =
        bindPorts(new ToxiproxyContainer(TOXIPROXY_IMAGE), toxiproxyPorts)
            .withNetwork(network)
            .withNetworkAliases("toxiproxy");
    postgresContainer =
        bindPorts(new PostgreSQLContainer(POSTGRES_IMAGE), Map.of(POSTGRES_PORT, postgresHostPort))
            .withNetwork(network)
            .withNetworkAliases("postgres")
            .withDatabaseName("postgres")
            .withUsername("lab")
            .withPassword("lab")
            .withCommand(
                "postgres",
                "-c",
                "fsync=on",
                "-c",
                "synchronous_commit=on",
                "-c",
                "wal_level=logical",
                "-c",
                "max_replication_slots=64",
                "-c",
                "max_wal_senders=64",
                "-c",
                "max_connections=400",
                "-c",
                "track_commit_timestamp=on");
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network);
    for (Component component : Component.values()) {
      int proxyPort = proxyPortInside(Link.of(component, Server.KAFKA));
      kafka.withListener(
          listenerHost(component) + ":19092", () -> "127.0.0.1:" + toxiproxyPorts.get(proxyPort));
    }
    kafkaContainer = bindPorts(kafka, Map.of(KAFKA_PORT, kafkaHostPort));
  }

  /**
   * Starts the containers (Toxiproxy first: Kafka must advertise its ports) and the proxies.
   *
   * @throws IllegalStateException when Docker does not answer or a container fails to start
   */
  public static ContainerEnvironment start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "LAB_ENV=containers needs a Docker engine, and none answers; use the embedded backend");
    }
    ContainerEnvironment environment = new ContainerEnvironment();
    try {
      environment.toxiproxyContainer.start();
      environment.postgresContainer.start();
      environment.kafkaContainer.start();
      environment.createProxies();
      return environment;
    } catch (RuntimeException e) {
      environment.close();
      throw new IllegalStateException("the containers did not start: " + e.getMessage(), e);
    }
  }

  private void createProxies() {
    toxiproxy = new ToxiproxyClient("127.0.0.1", toxiproxyPorts.get(TOXIPROXY_CONTROL));
    try {
      for (Link link : Link.all()) {
        String upstream =
            link.server() == Server.POSTGRES
                ? "postgres:" + POSTGRES_PORT
                : listenerHost(link.component()) + ":19092";
        // 0.0.0.0 inside the Toxiproxy container's own network, where Docker's port mapping
        // arrives; on the host the mapped ports are published on 127.0.0.1 only (see below).
        proxies.put(
            link,
            toxiproxy.createProxy(link.proxyName(), "0.0.0.0:" + proxyPortInside(link), upstream));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int proxyPortInside(Link link) {
    return FIRST_PROXY_PORT + Link.all().indexOf(link);
  }

  private static String listenerHost(Component component) {
    return "kafka-" + component.label();
  }

  private String hostAddress(Link link) {
    return "127.0.0.1:" + toxiproxyPorts.get(proxyPortInside(link));
  }

  private static <T extends GenericContainer<T>> T bindPorts(
      T container, Map<Integer, Integer> ports) {
    return container.withCreateContainerCmdModifier(
        cmd -> {
          List<PortBinding> bindings = new ArrayList<>();
          ports.forEach(
              (inside, outside) ->
                  bindings.add(
                      new PortBinding(
                          Binding.bindIpAndPort("127.0.0.1", outside), new ExposedPort(inside))));
          cmd.getHostConfig().withPortBindings(bindings);
        });
  }

  @Override
  public String backend() {
    return "containers";
  }

  @Override
  public String jdbcUrl(Link link, String database) {
    return "jdbc:postgresql://" + hostAddress(link) + "/" + database;
  }

  @Override
  public String directJdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresHostPort + "/" + database;
  }

  @Override
  public String postgresUser() {
    return postgresContainer.getUsername();
  }

  @Override
  public String postgresPassword() {
    return postgresContainer.getPassword();
  }

  @Override
  public String kafkaBootstrap(Link link) {
    return hostAddress(link);
  }

  @Override
  public String directKafkaBootstrap() {
    return "127.0.0.1:" + kafkaHostPort;
  }

  @Override
  public String toxiproxyUrl() {
    return "http://127.0.0.1:" + toxiproxyPorts.get(TOXIPROXY_CONTROL);
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public Proxy proxy(Link link) {
    return proxies.get(link);
  }

  @Override
  public ServerControl postgres() {
    return new ContainerControl(
        Server.POSTGRES, postgresContainer, () -> Readiness.awaitPostgres(this));
  }

  @Override
  public ServerControl kafka() {
    return new ContainerControl(Server.KAFKA, kafkaContainer, () -> Readiness.awaitKafka(this));
  }

  @Override
  public void close() {
    for (GenericContainer<?> container :
        List.of(kafkaContainer, postgresContainer, toxiproxyContainer)) {
      try {
        container.stop();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    network.close();
  }
}
