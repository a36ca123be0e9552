package dualwrite.chaos.env;

import dualwrite.bank.Component;
import dualwrite.bank.Topics;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the environment that one run owns: a fresh database and fresh topics, reached through
 * the environment's links. Many runs share the servers; none sees a trace of another, because each
 * has its own names and leaves nothing behind when it closes.
 */
public final class RunSpace implements Connections, AutoCloseable {

  private final Set<Link> linksInUse = ConcurrentHashMap.newKeySet();

  /** Partitions of the events topic: enough that per-account order is a real question. */
  public static final int EVENT_PARTITIONS = 3;

  private static final Logger log = LoggerFactory.getLogger(RunSpace.class);
  private static final TimeUnit SECONDS = TimeUnit.SECONDS;
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
  static final String DATABASE_PREFIX = "lab_";

  private final LabEnvironment environment;
  private final String runId;
  private final String database;
  private final Topics topics;

  private RunSpace(LabEnvironment environment, String runId) {
    this.environment = environment;
    this.runId = runId;
    this.database = DATABASE_PREFIX + runId.replace('-', '_');
    this.topics = Topics.forRun(runId);
  }

  /**
   * Creates the run's database and topics.
   *
   * @param runId lower-case letters, digits and dashes, unique among the runs on these servers
   * @param template a database to copy (with its schema already migrated), or null for an empty one
   * @throws IllegalArgumentException for a run id that cannot name a database and a topic
   * @throws IllegalStateException when a server refuses
   */
  public static RunSpace open(LabEnvironment environment, String runId, String template) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("bad run id '" + runId + "'");
    }
    RunSpace space = new RunSpace(environment, runId);
    // The database and the topics live on different servers: create them side by side.
    CompletableFuture<Void> topics =
        CompletableFuture.runAsync(() -> RunTopics.create(environment, space.topics, runId));
    try {
      RunDatabases.create(environment, space.database, template);
      topics.join();
    } catch (RuntimeException e) {
      topics.exceptionally(ignored -> null).join();
      space.close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
    }
    return space;
  }

  /**
   * Creates only a database, empty, with no topics: for templates that runs copy.
   *
   * @throws IllegalArgumentException for a name that cannot name a database
   */
  public static RunSpace openDatabaseOnly(LabEnvironment environment, String name) {
    if (!RUN_ID.matcher(name).matches()) {
      throw new IllegalArgumentException("bad name '" + name + "'");
    }
    RunSpace space = new RunSpace(environment, name);
    RunDatabases.create(environment, space.database, null);
    return space;
  }

  @Override
  public String runId() {
    return runId;
  }

  /** The run's database name. */
  public String database() {
    return database;
  }

  @Override
  public Topics topics() {
    return topics;
  }

  /**
   * The links whose settings the deployment has asked for so far (to connect through them): a fault
   * on any other link cannot reach it (the outbox's bank never talks to Kafka).
   */
  public Set<Link> linksInUse() {
    return Set.copyOf(linksInUse);
  }

  @Override
  public DatabaseTarget database(Component component) {
    linksInUse.add(Link.of(component, Server.POSTGRES));
    return new DatabaseTarget(
        environment.jdbcUrl(Link.of(component, Server.POSTGRES), database),
        environment.postgresUser(),
        environment.postgresPassword());
  }

  /** The run's database without any proxy: for migrations and the checker. */
  public DatabaseTarget directDatabase() {
    return new DatabaseTarget(
        environment.directJdbcUrl(database),
        environment.postgresUser(),
        environment.postgresPassword());
  }

  @Override
  public Map<String, Object> kafka(Component component) {
    linksInUse.add(Link.of(component, Server.KAFKA));
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        environment.kafkaBootstrap(Link.of(component, Server.KAFKA)));
  }

  /** Kafka client settings without any proxy: for the checker. */
  public Map<String, Object> directKafka() {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.directKafkaBootstrap());
  }

  public LabEnvironment environment() {
    return environment;
  }

  /** Cleans up closed runs off the critical path: the next run need not wait for a DROP. */
  private static final ExecutorService JANITOR =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "run-space-janitor");
            thread.setDaemon(true);
            return thread;
          });

  /** Closes the run space in the background; see {@link #awaitCleanup}. */
  public void closeLater() {
    JANITOR.submit(this::close);
  }

  /** Waits (at most {@code atMost}) until every run space closed later is gone. */
  public static void awaitCleanup(Duration atMost) {
    try {
      JANITOR.submit(() -> {}).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("run spaces were still being cleaned up: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops the run's database (and any replication slot in it) and deletes its topics. */
  @Override
  public void close() {
    try (Connection admin = RunDatabases.adminConnection(environment)) {
      RunDatabases.dropDatabase(admin, database);
    } catch (SQLException e) {
      log.warn("could not drop database {}: {}", database, e.getMessage());
    }
    try (Admin kafka = RunTopics.kafkaAdmin(environment)) {
      kafka.deleteTopics(List.of(topics.events(), topics.deadLetters())).all().get(10, SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("could not delete the topics of run {}: {}", runId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
