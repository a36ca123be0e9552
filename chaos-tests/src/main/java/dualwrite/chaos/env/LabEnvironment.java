package dualwrite.chaos.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.util.List;

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

  /**
   * Every proxy that carries a link: one, except for a link to a whole Kafka cluster, which has one
   * per broker ({@code relay->kafka} is {@code relay->kafka-1}, {@code -2} and {@code -3}).
   */
  default List<Proxy> proxies(Link link) {
    return List.of(proxy(link));
  }

  /** How many brokers Kafka has here: 1, or 3 for a cluster. */
  default int brokers() {
    return 1;
  }

  /**
   * Server faults on one broker of the cluster, counted from 1.
   *
   * @throws IllegalArgumentException for a broker this Kafka does not have
   */
  default ServerControl broker(int id) {
    if (id == 1 && brokers() == 1) {
      return kafka();
    }
    throw new IllegalArgumentException("no broker kafka-" + id + ": this Kafka has " + brokers());
  }

  /**
   * The proxy between two nodes of the cluster.
   *
   * @throws UnsupportedOperationException when this backend does not put proxies between its
   *     brokers (a single broker, or an external cluster)
   */
  default Proxy proxy(PeerLink link) {
    throw new UnsupportedOperationException(
        "the "
            + backend()
            + " environment has no proxies between Kafka brokers: cutting "
            + link
            + " needs the embedded cluster (--brokers 3)");
  }

  /** Server faults on PostgreSQL. */
  ServerControl postgres();

  /** Server faults on Kafka: on a cluster, on every broker at once. */
  ServerControl kafka();

  /** Stops what this environment started; never throws. */
  @Override
  void close();
}
