package dualwrite.chaos.env;

import dualwrite.bank.Component;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka node in KRaft mode (broker and controller in one process) running as a child
 * JVM from the Kafka jars on this JVM's classpath. Being a process of its own, it can be killed
 * with SIGKILL, frozen with SIGSTOP and restarted on the same ports with its data.
 *
 * <p>It has one listener per component, each advertising that component's proxy, so a client that
 * bootstraps through a link keeps talking through it; and a direct listener for the checker. In a
 * cluster ({@link LocalKafkaCluster}) it also has one replication listener per peer ({@code FROM2}
 * is where node 2 fetches from this one), each advertising the proxy of that pair, and it reaches
 * the other controllers through proxies of its own: so one node can be cut off from the others
 * while the clients still reach it.
 */
final class LocalKafkaBroker implements ServerControl {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path home;
  private final BrokerJvm jvm;
  private final int nodeId;
  private final int clusterSize;
  private final int directPort = Ports.freePort();
  private final int controllerPort = Ports.freePort();
  private final Map<Component, Integer> listenerPorts = new EnumMap<>(Component.class);
  private final Map<Component, String> advertised = new EnumMap<>(Component.class);
  private final Map<Integer, Integer> peerPorts = new TreeMap<>();
  private final Map<Integer, String> peerAdvertised = new TreeMap<>();
  private String voters;
  private String clusterId = Uuid.randomUuid().toString();
  private Map<String, String> settings = Map.of();
  private Process process;

  /**
   * A single node: the whole cluster.
   *
   * @param home the broker's folder: data, configuration and log
   * @param jvm how its JVM is launched
   */
  LocalKafkaBroker(Path home, BrokerJvm jvm) {
    this(home, jvm, 1, 1);
  }

  /**
   * @param home the node's folder: data, configuration and log
   * @param jvm how its JVM is launched
   * @param nodeId its id, 1 to {@code clusterSize}
   * @param clusterSize how many nodes the cluster has
   */
  LocalKafkaBroker(Path home, BrokerJvm jvm, int nodeId, int clusterSize) {
    this.home = home;
    this.jvm = jvm;
    this.nodeId = nodeId;
    this.clusterSize = clusterSize;
    for (Component component : Component.values()) {
      listenerPorts.put(component, Ports.freePort());
      advertised.put(component, listenerAddress(component));
    }
    if (clusterSize > 1) {
      for (int peer = 1; peer <= clusterSize; peer++) {
        peerPorts.put(peer, Ports.freePort());
        peerAdvertised.put(peer, peerListenerAddress(peer));
      }
    }
    voters = nodeId + "@" + controllerAddress();
  }

  int nodeId() {
    return nodeId;
  }

  /** This node's controller listener: the upstream of the other nodes' controller proxies. */
  String controllerAddress() {
    return Ports.LOOPBACK + ":" + controllerPort;
  }

  /** The listener where node {@code peer} fetches replicas from this node. */
  String peerListenerAddress(int peer) {
    return Ports.LOOPBACK + ":" + peerPorts.get(peer);
  }

  /**
   * Makes this node tell node {@code peer} to fetch from {@code address} (the proxy of that pair).
   * Takes effect at the next start.
   */
  synchronized void advertisePeer(int peer, String address) {
    peerAdvertised.put(peer, address);
  }

  /**
   * The quorum as this node reaches it: {@code 1@host:port,2@host:port,...}, the other nodes'
   * entries being this node's proxies to them. Takes effect at the next start.
   */
  synchronized void voters(String voters) {
    this.voters = voters;
  }

  /** Every node of a cluster shares one id; set it before the first start. */
  synchronized void clusterId(String clusterId) {
    this.clusterId = clusterId;
  }

  /** Broker settings over the lab's defaults (for example a shorter replica lag). */
  synchronized void settings(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /**
   * Makes the broker tell clients that come in on a component's listener to connect to {@code
   * address}: the listen address of that component's proxy. Takes effect at the next start.
   */
  synchronized void advertise(Component component, String address) {
    advertised.put(component, address);
  }

  /** The broker's own listener for a component's link: the upstream of that link's proxy. */
  String listenerAddress(Component component) {
    return Ports.LOOPBACK + ":" + listenerPorts.get(component);
  }

  String directBootstrap() {
    return Ports.LOOPBACK + ":" + directPort;
  }

  Path logFile() {
    return home.resolve("broker.log");
  }

  @Override
  public Server server() {
    return Server.KAFKA;
  }

  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Files.createDirectories(home.resolve("tmp"));
      formatOnce();
      Optional<BrokerJvm.Dump> dump = jvm.claimDump();
      if (dump.isPresent()) {
        // The first broker of a build writes the class-data archive: it must serve once and
        // exit normally for the JVM to write what it loaded.
        try {
          launch(dump.get().flags());
          awaitReady();
          haltForTheArchive();
        } finally {
          dump.get().finish();
        }
      }
      launch(
          jvm.archive()
              .map(archive -> List.of("-XX:SharedArchiveFile=" + archive))
              .orElse(List.of()));
      awaitReady();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker", e);
    }
  }

  /**
   * Ends the broker the way a lab that goes away ends it ({@link BrokerProcess} halts when its
   * standard input closes): the JVM writes its class-data archive on the way out, without the
   * seconds of a controlled shutdown.
   */
  private void haltForTheArchive() throws IOException {
    process.getOutputStream().close();
    boolean exited = awaitExit(60);
    process = null;
    if (!exited) {
      throw new IllegalStateException("interrupted while the broker wrote its class data");
    }
  }

  private void launch(List<String> jvmFlags) throws IOException {
    Path config = writeConfig();
    Path loggingConfig = writeLoggingConfig();
    Path argFile = home.resolve("java.args");
    Files.writeString(
        argFile, "-cp \"" + String.join(File.pathSeparator, jvm.classpath()) + "\"\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms128m",
            clusterSize > 1 ? "-Xmx384m" : "-Xmx512m",
            "-XX:+UseSerialGC",
            // C1 only, one compiler thread: a broker that restarts in the middle of a scenario
            // should be up fast and leave the other forks' CPU alone
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Djava.io.tmpdir=" + home.resolve("tmp"),
            "-Dlogback.configurationFile=" + loggingConfig));
    command.addAll(jvmFlags);
    command.addAll(List.of("@" + argFile, BrokerProcess.class.getName(), config.toString()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
            .start();
  }

  private void awaitReady() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, directBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100);
    Polling.Outcome outcome;
    try (Admin admin = Admin.create(props)) {
      // no pause between questions: each one waits up to 2 s for an answer
      outcome =
          Polling.until(
              READY_TIMEOUT,
              Duration.ZERO,
              e -> e instanceof ExecutionException || e instanceof TimeoutException,
              () -> isReady(admin));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly(); // a broker nobody waits for must not keep running
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
    if (!outcome.done()) {
      throw failure(
          "the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s",
          outcome.failure());
    }
  }

  /**
   * Ready means the node serves metadata and lists itself among the live brokers: it has joined the
   * quorum and the controller has let it in (unfenced).
   */
  private boolean isReady(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (!process.isAlive()) {
      throw failure("the broker exited with status " + process.exitValue(), null);
    }
    return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream()
        .anyMatch(node -> node.id() == nodeId);
  }

  private IllegalStateException failure(String why, Exception cause) {
    if (process != null) {
      process.destroyForcibly();
    }
    return new IllegalStateException(
        "Kafka broker failed to start: "
            + why
            + "\n--- last lines of "
            + logFile()
            + " ---\n"
            + LogTail.of(logFile(), 15)
            + "\n--- last lines of "
            + home.resolve("broker-server.log")
            + " ---\n"
            + LogTail.of(home.resolve("broker-server.log"), 15),
        cause);
  }

  @Override
  public synchronized void stop(Stop how) {
    if (process == null) {
      return;
    }
    if (how == Stop.GRACEFUL) {
      process.destroy(); // SIGTERM: the broker's own controlled shutdown
    } else {
      process.destroyForcibly(); // SIGKILL
    }
    awaitExit(30);
    process = null;
  }

  /**
   * Waits up to {@code seconds} for the broker's JVM to exit, then kills it.
   *
   * @return false if the wait was interrupted (the JVM is killed, the interrupt kept)
   */
  private boolean awaitExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  @Override
  public synchronized void pause() {
    Signals.send("STOP", List.of(pid()));
  }

  @Override
  public synchronized void resume() {
    Signals.send("CONT", List.of(pid()));
  }

  private long pid() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("the broker is not running");
    }
    return process.pid();
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker's JVM, for memory measurements. */
  synchronized ProcessHandle processHandle() {
    return process == null ? null : process.toHandle();
  }

  Path dataDir() {
    return home.resolve("data");
  }

  /** Formats the storage once; later starts keep the data, as a restarted broker would. */
  private void formatOnce() throws IOException {
    if (Files.exists(dataDir().resolve("meta.properties"))) {
      return;
    }
    Files.createDirectories(dataDir());
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(dataDir().toString()))
          .setMetadataLogDirectory(dataDir().toString())
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setControllerListenerName("CONTROLLER")
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka's storage in " + dataDir(), e);
    }
  }

  private Path writeConfig() throws IOException {
    Properties config = config().properties();
    Path file = home.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      config.store(out, "written by the dual-write lab; the broker's own chatter is in broker.log");
    }
    return file;
  }

  /** What the node's configuration says, as it stands now. */
  private BrokerConfig config() {
    Map<Component, String> listeners = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      listeners.put(component, listenerAddress(component));
    }
    Map<Integer, String> peerListeners = new TreeMap<>();
    for (int peer : peerPorts.keySet()) {
      peerListeners.put(peer, peerListenerAddress(peer));
    }
    return new BrokerConfig(
        nodeId,
        clusterSize,
        voters,
        dataDir(),
        directBootstrap(),
        controllerAddress(),
        listeners,
        new EnumMap<>(advertised),
        peerListeners,
        new TreeMap<>(peerAdvertised),
        settings);
  }

  private Path writeLoggingConfig() throws IOException {
    Path file = home.resolve("broker-logback.xml");
    String xml =
        """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
          </appender>
          <logger name="kafka" level="INFO"/>
          <logger name="org.apache.kafka" level="WARN"/>
          <logger name="state.change.logger" level="WARN"/>
          <root level="WARN"><appender-ref ref="FILE"/></root>
        </configuration>
        """
            .formatted(home.resolve("broker-server.log"));
    Files.writeString(file, xml);
    return file;
  }

  @Override
  public String toString() {
    return (clusterSize > 1 ? "Kafka node " + nodeId : "Kafka broker")
        + " on "
        + directBootstrap()
        + " ("
        + home
        + ")";
  }
}
