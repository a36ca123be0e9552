package dualwrite.chaos.env;

import dualwrite.bank.Component;
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
import java.util.Properties;
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
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller) running as a child JVM
 * from the Kafka jars on this JVM's classpath. Being a process of its own, it can be killed with
 * SIGKILL, frozen with SIGSTOP and restarted on the same ports with its data.
 *
 * <p>It has one listener per component, each advertising that component's proxy, so a client that
 * bootstraps through a link keeps talking through it; and a direct listener for the checker.
 */
final class LocalKafkaBroker implements ServerControl {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path home;
  private final int directPort = Ports.freePort();
  private final int controllerPort = Ports.freePort();
  private final Map<Component, Integer> listenerPorts = new EnumMap<>(Component.class);
  private final Map<Component, String> advertised = new EnumMap<>(Component.class);
  private Process process;

  /**
   * @param home the broker's folder: data, configuration and log
   */
  LocalKafkaBroker(Path home) {
    this.home = home;
    for (Component component : Component.values()) {
      listenerPorts.put(component, Ports.freePort());
      advertised.put(component, listenerAddress(component));
    }
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
      Path config = writeConfig();
      formatOnce();
      Path loggingConfig = writeLoggingConfig();
      Path argFile = home.resolve("java.args");
      Files.writeString(
          argFile,
          "-cp \"" + String.join(java.io.File.pathSeparator, JvmClasspath.current()) + "\"\n");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-Xms128m",
              "-Xmx512m",
              "-XX:+UseSerialGC",
              // C1 only: a broker that restarts in the middle of a scenario should be up fast
              "-XX:TieredStopAtLevel=1",
              "-XX:-UsePerfData",
              "-Djava.awt.headless=true",
              "-Djava.io.tmpdir=" + home.resolve("tmp"),
              "-Dlogback.configurationFile=" + loggingConfig,
              "@" + argFile,
              BrokerProcess.class.getName(),
              config.toString()));
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .start();
      awaitReady();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker", e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, directBootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw failure("the broker exited with status " + process.exitValue(), null);
        }
        try {
          // Ready means the broker serves metadata: it has joined its own quorum.
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw failure(
                "the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly(); // a broker nobody waits for must not keep running
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
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
            + LogTail.of(logFile(), 30),
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
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
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

  private Path dataDir() {
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
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
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
    Properties config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "DIRECT");
    StringBuilder listeners = new StringBuilder("DIRECT://" + directBootstrap());
    StringBuilder advertisedListeners = new StringBuilder("DIRECT://" + directBootstrap());
    StringBuilder protocols = new StringBuilder("DIRECT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    for (Component component : Component.values()) {
      String name = listenerName(component);
      listeners.append(',').append(name).append("://").append(listenerAddress(component));
      advertisedListeners.append(',').append(name).append("://").append(advertised.get(component));
      protocols.append(',').append(name).append(":PLAINTEXT");
    }
    listeners.append(",CONTROLLER://").append(Ports.LOOPBACK).append(':').append(controllerPort);
    config.put("listeners", listeners.toString());
    config.put("advertised.listeners", advertisedListeners.toString());
    config.put("listener.security.protocol.map", protocols.toString());
    config.put("log.dirs", dataDir().toString());
    // One node: every internal topic has one replica, and nothing waits for a second.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "3");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "3");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    config.put("num.partitions", "3");
    config.put("auto.create.topics.enable", "false");
    config.put("delete.topic.enable", "true");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("group.min.session.timeout.ms", "1000");
    // After a SIGKILL the controller waits out the dead incarnation's session before it lets the
    // restarted broker in: 9 s by default. Broker and controller share this process, so a short
    // session costs nothing.
    config.put("broker.heartbeat.interval.ms", "200");
    config.put("broker.session.timeout.ms", "1000");
    // A laptop-sized broker.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "4");
    config.put("background.threads", "4");
    config.put("log.segment.bytes", Integer.toString(32 * 1024 * 1024));
    config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    Path file = home.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      config.store(out, "written by the dual-write lab; the broker's own chatter is in broker.log");
    }
    return file;
  }

  private static String listenerName(Component component) {
    return component.name();
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
    return "Kafka broker on " + directBootstrap() + " (" + home + ")";
  }
}
