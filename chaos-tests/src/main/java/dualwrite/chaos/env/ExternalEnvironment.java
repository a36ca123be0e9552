package dualwrite.chaos.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Your own servers: a PostgreSQL server, a Kafka cluster and a Toxiproxy server, named by
 * environment variables. For engineers who outgrow a laptop or want evidence on their own stack.
 *
 * <ul>
 *   <li>{@code LAB_POSTGRES_URL}: a JDBC URL of a database on the server, such as {@code
 *       jdbc:postgresql://db.internal:5432/postgres}. The user needs CREATEDB (every run creates
 *       and drops its own database) and REPLICATION for the CDC relay; the server needs {@code
 *       wal_level=logical} and {@code track_commit_timestamp=on}.
 *   <li>{@code LAB_POSTGRES_USER}, {@code LAB_POSTGRES_PASSWORD}.
 *   <li>{@code LAB_POSTGRES_UPSTREAM} (optional): PostgreSQL's {@code host:port} as the Toxiproxy
 *       server reaches it, when that differs from the URL's.
 *   <li>{@code LAB_KAFKA_BOOTSTRAP}: a listener that does NOT go through Toxiproxy, for the
 *       checker.
 *   <li>{@code LAB_TOXIPROXY_URL}: the Toxiproxy control URL, such as {@code
 *       http://toxiproxy.internal:8474}.
 *   <li>{@code LAB_PROXY_HOST} (optional): the host on which the lab asks Toxiproxy to listen for
 *       the PostgreSQL links; the Toxiproxy URL's host by default.
 * </ul>
 *
 * <p>Kafka's links cannot be made by the lab: a broker tells clients where to connect, so each
 * component needs a listener on the broker whose advertised address is a Toxiproxy proxy. Create
 * proxies named {@code bank-kafka}, {@code relay-kafka} and {@code fraud-kafka} in Toxiproxy, each
 * listening on the address that one of your broker's listeners advertises and forwarding to that
 * listener (docs/running-against-your-own-servers.md shows a broker configuration).
 *
 * <p>A cluster of several brokers needs one such proxy per component and broker: {@code
 * relay-kafka-1}, {@code relay-kafka-2}, ..., numbered in the order of the brokers' node ids (the
 * lowest id is broker 1). The lab counts the brokers when it connects; {@code LAB_KAFKA_BOOTSTRAP}
 * may list several of their direct listeners.
 */
public final class ExternalEnvironment implements LabEnvironment {

  private static final int CHECK_TIMEOUT_SECONDS = 5;

  private final String postgresHost;
  private final int postgresPort;
  private final String postgresQuery;
  private final String user;
  private final String password;
  private final String kafkaBootstrap;
  private final String toxiproxyUrl;
  private final ToxiproxyClient toxiproxy;
  private final ExternalProxies links;
  private final ServerControl postgres;
  private final ServerControl kafka;
  private int brokers = 1;

  private ExternalEnvironment(Map<String, String> env) {
    PostgresUrl database = PostgresUrl.parse(required(env, "LAB_POSTGRES_URL"));
    postgresHost = database.host();
    postgresPort = database.port();
    postgresQuery = database.query();
    user = required(env, "LAB_POSTGRES_USER");
    password = env.getOrDefault("LAB_POSTGRES_PASSWORD", "");
    kafkaBootstrap = required(env, "LAB_KAFKA_BOOTSTRAP");
    toxiproxyUrl = required(env, "LAB_TOXIPROXY_URL");
    URI control = toxiproxyUri(toxiproxyUrl);
    toxiproxy = new ToxiproxyClient(control.getHost(), control.getPort());
    links = new ExternalProxies(toxiproxy, toxiproxyUrl);
    String reason = "the external backend does not own your servers";
    postgres = new UnsupportedServerControl(Server.POSTGRES, reason);
    kafka = new UnsupportedServerControl(Server.KAFKA, reason);
  }

  /**
   * Connects to the servers the variables name, checking each within seconds.
   *
   * @throws IllegalStateException naming the variable and the address that did not answer
   * @throws IllegalArgumentException naming a missing or malformed variable
   */
  public static ExternalEnvironment fromVariables(Map<String, String> env) {
    ExternalEnvironment environment = new ExternalEnvironment(env);
    try {
      environment.checkPostgres();
      environment.checkKafka();
      environment.connectProxies(env);
    } catch (RuntimeException e) {
      environment.close(); // the proxies it made so far
      throw e;
    }
    return environment;
  }

  private static URI toxiproxyUri(String url) {
    String usage = "LAB_TOXIPROXY_URL must look like http://host:8474";
    URI control;
    try {
      control = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(usage + ", not '" + url + "': " + e.getReason(), e);
    }
    if (control.getHost() == null || control.getPort() < 0) {
      throw new IllegalArgumentException(usage + ", not '" + url + "'");
    }
    return control;
  }

  private void checkPostgres() {
    try (Connection connection = RunDatabases.adminConnection(this)) {
      connection.isValid(CHECK_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "LAB_POSTGRES_URL: cannot connect to "
              + postgresHost
              + ":"
              + postgresPort
              + " as "
              + user
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void checkKafka() {
    Map<String, Object> settings =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_SECONDS * 1000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_SECONDS * 1000);
    Admin admin;
    try {
      admin = Admin.create(settings);
    } catch (KafkaException e) {
      throw new IllegalArgumentException(
          "LAB_KAFKA_BOOTSTRAP must list host:port pairs, not '"
              + kafkaBootstrap
              + "': "
              + e.getMessage(),
          e);
    }
    try {
      brokers =
          Math.max(
              1,
              admin.describeCluster().nodes().get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS).size());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "LAB_KAFKA_BOOTSTRAP: no Kafka broker answered at "
              + kafkaBootstrap
              + " within "
              + CHECK_TIMEOUT_SECONDS
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      admin.close(Duration.ZERO); // do not wait out the calls to a broker that is not there
    }
  }

  private void connectProxies(Map<String, String> env) {
    String upstream = env.getOrDefault("LAB_POSTGRES_UPSTREAM", postgresHost + ":" + postgresPort);
    String listenHost = env.getOrDefault("LAB_PROXY_HOST", URI.create(toxiproxyUrl).getHost());
    links.connect(upstream, listenHost, brokers);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the external environment needs "
              + name
              + " (see docs/running-against-your-own-servers.md)");
    }
    return value.trim();
  }

  @Override
  public String backend() {
    return "external";
  }

  @Override
  public String jdbcUrl(Link link, String database) {
    return "jdbc:postgresql://" + links.get(link).getListen() + "/" + database;
  }

  @Override
  public String directJdbcUrl(String database) {
    return "jdbc:postgresql://"
        + postgresHost
        + ":"
        + postgresPort
        + "/"
        + database
        + postgresQuery;
  }

  @Override
  public String postgresUser() {
    return user;
  }

  @Override
  public String postgresPassword() {
    return password;
  }

  @Override
  public String kafkaBootstrap(Link link) {
    return String.join(",", proxies(link).stream().map(Proxy::getListen).toList());
  }

  @Override
  public String directKafkaBootstrap() {
    return kafkaBootstrap;
  }

  @Override
  public String toxiproxyUrl() {
    return toxiproxyUrl;
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public Proxy proxy(Link link) {
    Proxy proxy = links.get(link);
    if (proxy == null) {
      throw new IllegalArgumentException(
          link + " has no single proxy here" + (brokers > 1 ? ": it is one per broker" : ""));
    }
    return proxy;
  }

  @Override
  public List<Proxy> proxies(Link link) {
    if (link.server() == Server.KAFKA && brokers > 1 && !link.oneBroker()) {
      List<Proxy> all = new ArrayList<>();
      for (int broker = 1; broker <= brokers; broker++) {
        all.add(proxy(Link.toBroker(link.component(), broker)));
      }
      return List.copyOf(all);
    }
    return List.of(proxy(link));
  }

  @Override
  public int brokers() {
    return brokers;
  }

  /** Not the lab's to kill: every fault on one of your brokers is refused with the reason. */
  @Override
  public ServerControl broker(int id) {
    if (id < 1 || id > brokers) {
      throw new IllegalArgumentException("no broker kafka-" + id + ": your Kafka has " + brokers);
    }
    return kafka;
  }

  @Override
  public ServerControl postgres() {
    return postgres;
  }

  @Override
  public ServerControl kafka() {
    return kafka;
  }

  /** Leaves your servers as they were: deletes the proxies it created, and only those. */
  @Override
  public void close() {
    links.close();
  }
}
