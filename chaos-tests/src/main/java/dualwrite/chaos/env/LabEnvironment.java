package dualwrite.chaos.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;

/**
 * The world the strategies live in: a PostgreSQL server, a Kafka broker and a Toxiproxy-compatible
 * fault proxy, with every {@link Link} going through its own proxy, and fault-free direct access
 * for the checker.
 *
 * <p>Three backends implement it: {@link EmbeddedEnvironment} (the default: no Docker, nothing
 * installed), {@link ContainerEnvironment} (Testcontainers) and {@link ExternalEnvironment} (your
 * own servers). {@link Environments#shared()} picks one for the JVM.
 */
public interface LabEnvironment extends AutoCloseable {

  /** {@code embedded}, {@code containers} or {@code external}. */
  String backend();

  /** The JDBC URL of {@code database} reached through the link's proxy. */
  String jdbcUrl(Link link, String database);

  /** The JDBC URL of {@code database} that bypasses every proxy: for setup and the checker. */
  String directJdbcUrl(String database);

  String postgresUser();

  String postgresPassword();

  /**
   * The bootstrap address for a component's Kafka clients. The broker advertises the link's proxy
   * to clients that come in this way, so all their traffic goes through the proxy.
   */
  String kafkaBootstrap(Link link);

  /** A bootstrap address whose traffic never goes through a proxy: for setup and the checker. */
  String directKafkaBootstrap();

  /** The control URL of the fault proxy, for example {@code http://127.0.0.1:8474}. */
  String toxiproxyUrl();

  /** A toxiproxy-java client of the fault proxy: the nemesis injects network faults through it. */
  ToxiproxyClient toxiproxy();

  /** The proxy that carries one link. */
  Proxy proxy(Link link);

  /** Server faults on PostgreSQL. */
  ServerControl postgres();

  /** Server faults on the Kafka broker. */
  ServerControl kafka();

  /** Stops what this environment started; never throws. */
  @Override
  void close();
}
