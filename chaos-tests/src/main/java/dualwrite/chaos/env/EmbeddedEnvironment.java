package dualwrite.chaos.env;

import dualwrite.faultproxy.FaultProxyServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default backend: everything runs on this machine with nothing installed and no Docker. A real
 * PostgreSQL from Maven-packaged binaries, a real Kafka broker as a child JVM, and the lab's own
 * fault proxy in this JVM, all listening on 127.0.0.1 only, with their files under one folder
 * (normally {@code target/lab-env}).
 */
public final class EmbeddedEnvironment implements LabEnvironment {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEnvironment.class);

  private final Path home;
  private final FaultProxyServer faultProxy;
  private final ToxiproxyClient toxiproxy;
  private final Map<Link, Proxy> proxies = new LinkedHashMap<>();
  private final Map<PeerLink, Proxy> peerProxies = new LinkedHashMap<>();
  private final LocalPostgres postgres;
  private final LocalKafkaCluster broker;

  /** A placeholder upstream (the discard port) until the servers' ports are chosen. */
  private static final String UNSET = Ports.LOOPBACK + ":9";

  private EmbeddedEnvironment(Path home, int brokers) throws IOException {
    this.home = home;
    Files.createDirectories(home);
    faultProxy = FaultProxyServer.start(Ports.LOOPBACK, 0);
    try {
      toxiproxy = new ToxiproxyClient(faultProxy.host(), faultProxy.port());
      // region proxies-first
      // The proxies bind their ports first, below the ephemeral range like the servers': a
      // disabled proxy closes its listener and binds the same port again when healed, and a
      // client's outgoing connection must not take it meanwhile. Their upstreams are set once the
      // servers' ports are known: a proxy dials only when used.
      for (Link link : proxiedLinks(brokers)) {
        String listen = Ports.LOOPBACK + ":" + Ports.freePort();
        proxies.put(link, toxiproxy.createProxy(link.proxyName(), listen, UNSET));
      }
      postgres = new LocalPostgres(home.resolve("postgres"), Ports.freePort());
      broker =
          new LocalKafkaCluster(
              home.resolve("kafka"),
              BrokerJvm.in(home.resolveSibling("kafka-class-data")),
              brokers);
      for (Link link : proxiedLinks(brokers)) {
        Proxy proxy = proxies.get(link);
        if (link.server() == Server.POSTGRES) {
          proxy.setUpstream(Ports.LOOPBACK + ":" + postgres.port());
        } else {
          LocalKafkaBroker node = broker.node(Math.max(1, link.broker()));
          proxy.setUpstream(node.listenerAddress(link.component()));
          node.advertise(link.component(), proxy.getListen());
        }
      }
      // endregion proxies-first
      if (brokers > 1) {
        peerProxies.putAll(PeerProxies.wire(toxiproxy, broker, brokers));
      }
    } catch (IOException | RuntimeException e) {
      faultProxy.close(); // its listeners must not outlive a start that failed
      throw e;
    }
  }

  /** One proxy per component and server, and on a cluster one per component and broker. */
  private static List<Link> proxiedLinks(int brokers) {
    if (brokers == 1) {
      return Link.all();
    }
    List<Link> links = new ArrayList<>();
    for (Link link : Link.all()) {
      if (link.server() == Server.POSTGRES) {
        links.add(link);
      } else {
        for (int id = 1; id <= brokers; id++) {
          links.add(Link.toBroker(link.component(), id));
        }
      }
    }
    return links;
  }

  /**
   * Starts PostgreSQL, the broker and the fault proxy in parallel and returns when all answer.
   *
   * @param home the folder for their data and logs; the broker's data is wiped at every start,
   *     PostgreSQL's is kept so a second start skips initdb
   * @throws IllegalStateException naming the server that did not start, with its log's last lines
   */
  public static EmbeddedEnvironment start(Path home) {
    return start(home, 1);
  }

  /**
   * Starts the servers with Kafka as {@code brokers} nodes (1, or 3 for a replicated cluster); see
   * {@link #start(Path)}.
   */
  public static EmbeddedEnvironment start(Path home, int brokers) {
    long started = System.nanoTime();
    EmbeddedEnvironment environment;
    try {
      // A fresh broker every time (its logs from the last run go too); PostgreSQL keeps its data
      // directory, so a second start skips initdb.
      deleteRecursively(home.resolve("kafka"));
      environment = new EmbeddedEnvironment(home, brokers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the environment in " + home, e);
    }
    try {
      CompletableFuture<Void> postgres = CompletableFuture.runAsync(environment.postgres::start);
      CompletableFuture<Void> kafka = CompletableFuture.runAsync(environment.broker::start);
      CompletableFuture.allOf(postgres, kafka).join();
    } catch (CompletionException e) {
      environment.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    log.info(
        "environment up in {} ms: {}, {}, fault proxy at {}",
        (System.nanoTime() - started) / 1_000_000,
        environment.postgres,
        environment.broker,
        environment.toxiproxyUrl());
    return environment;
  }

  @Override
  public String backend() {
    return "embedded";
  }

  @Override
  public String jdbcUrl(Link link, String database) {
    requireServer(link, Server.POSTGRES);
    return "jdbc:postgresql://" + proxies.get(link).getListen() + "/" + database;
  }

  @Override
  public String directJdbcUrl(String database) {
    return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + postgres.port() + "/" + database;
  }

  @Override
  public String postgresUser() {
    return LocalPostgres.USER;
  }

  @Override
  public String postgresPassword() {
    return "";
  }

  @Override
  public String kafkaBootstrap(Link link) {
    requireServer(link, Server.KAFKA);
    return String.join(",", proxies(link).stream().map(Proxy::getListen).toList());
  }

  @Override
  public String directKafkaBootstrap() {
    return broker.directBootstrap();
  }

  @Override
  public String toxiproxyUrl() {
    return faultProxy.controlUrl();
  }

  @Override
  public ToxiproxyClient toxiproxy() {
    return toxiproxy;
  }

  @Override
  public Proxy proxy(Link link) {
    Proxy proxy = proxies.get(link);
    if (proxy == null) {
      throw new IllegalArgumentException(
          link
              + " has no single proxy here"
              + (broker.size() > 1 ? ": on a cluster it is one per broker" : ""));
    }
    return proxy;
  }

  @Override
  public List<Proxy> proxies(Link link) {
    if (link.server() == Server.KAFKA && broker.size() > 1 && !link.oneBroker()) {
      List<Proxy> all = new ArrayList<>();
      for (int id = 1; id <= broker.size(); id++) {
        all.add(proxy(Link.toBroker(link.component(), id)));
      }
      return List.copyOf(all);
    }
    return List.of(proxy(link));
  }

  @Override
  public Proxy proxy(PeerLink link) {
    Proxy proxy = peerProxies.get(link);
    if (proxy == null) {
      return LabEnvironment.super.proxy(link);
    }
    return proxy;
  }

  @Override
  public int brokers() {
    return broker.size();
  }

  @Override
  public ServerControl broker(int id) {
    return broker.node(id);
  }

  @Override
  public ServerControl postgres() {
    return postgres;
  }

  @Override
  public ServerControl kafka() {
    return broker;
  }

  /** The folder that holds the servers' data and logs. */
  public Path home() {
    return home;
  }

  /** PostgreSQL's processes (for memory figures). */
  public List<Long> postgresProcesses() {
    return postgres.postgresProcesses();
  }

  /** The brokers' JVMs that are up (for memory figures). */
  public List<ProcessHandle> brokerProcesses() {
    return broker.nodes().stream()
        .map(LocalKafkaBroker::processHandle)
        .filter(Objects::nonNull)
        .toList();
  }

  /** Each broker's data folder, in node order. */
  List<Path> brokerDataDirs() {
    return broker.nodes().stream().map(LocalKafkaBroker::dataDir).toList();
  }

  @Override
  public void close() {
    quietly("stop Kafka", () -> broker.stop(ServerControl.Stop.GRACEFUL));
    // the brokers' data goes; their logs stay for whoever investigates a run
    quietly("delete Kafka's data", broker::deleteData);
    quietly("stop PostgreSQL", () -> postgres.stop(ServerControl.Stop.GRACEFUL));
    quietly("stop the fault proxy", faultProxy::close);
  }

  private static void requireServer(Link link, Server server) {
    if (link.server() != server) {
      throw new IllegalArgumentException(link + " is not a link to " + server);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      log.warn("could not {}: {}", what, e.toString());
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
