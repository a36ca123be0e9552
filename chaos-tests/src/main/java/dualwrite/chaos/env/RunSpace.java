package dualwrite.chaos.env;

import dualwrite.bank.Component;
import dualwrite.bank.Topics;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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

  /** How long creating or dropping a database asks again after a failure, and how often. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration DDL_POLL = Duration.ofMillis(20);

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
    CompletableFuture<Void> topics = CompletableFuture.runAsync(space::createTopics);
    try {
      space.createDatabase(template);
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
    space.createDatabase(null);
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
    try (Connection admin = adminConnection(environment)) {
      dropDatabase(admin, database);
    } catch (SQLException e) {
      log.warn("could not drop database {}: {}", database, e.getMessage());
    }
    try (Admin kafka = kafkaAdmin(environment)) {
      kafka.deleteTopics(List.of(topics.events(), topics.deadLetters())).all().get(10, SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("could not delete the topics of run {}: {}", runId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void createDatabase(String template) {
    // Identifiers cannot be bind parameters; both names match [a-z0-9_]+ by construction.
    String sql =
        "CREATE DATABASE "
            + database
            + (template == null ? "" : " TEMPLATE " + checkedName(template));
    Polling.Outcome outcome;
    try {
      outcome =
          Polling.until(
              DDL_TIMEOUT,
              DDL_POLL,
              // 55006: the template is still held by a connection that is closing; it lets go at
              // once
              e -> e instanceof SQLException failure && "55006".equals(failure.getSQLState()),
              () -> {
                try (Connection admin = adminConnection(environment);
                    Statement statement = admin.createStatement()) {
                  statement.execute(sql);
                  return true;
                }
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (!outcome.done()) {
      throw new IllegalStateException(
          "cannot create database "
              + database
              + " on "
              + environment.directJdbcUrl("postgres")
              + ": "
              + outcome.failure().getMessage(),
          outcome.failure());
    }
  }

  private void createTopics() {
    try (Admin kafka = kafkaAdmin(environment)) {
      // On a cluster every partition has three copies, and a write needs two of them (the
      // brokers' min.insync.replicas) before an acks=all producer hears it is stored.
      short copies = (short) Math.min(3, environment.brokers());
      NewTopic events =
          (copies > 1 && environment.backend().equals("embedded")
                  ? new NewTopic(
                      topics.events(), oneLeader(environment.brokers(), activeController(kafka)))
                  : new NewTopic(topics.events(), EVENT_PARTITIONS, copies))
              // The broker's clock says when an event was published: the checker's delivery lag.
              .configs(Map.of("message.timestamp.type", "LogAppendTime"));
      NewTopic deadLetters = new NewTopic(topics.deadLetters(), 1, copies);
      kafka.createTopics(List.of(events, deadLetters)).all().get(30, SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create the topics of run "
              + runId
              + " on "
              + environment.directKafkaBootstrap()
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Three copies of every partition of the events topic, all led by one broker picked at random
   * among those that are not the active controller: "the leader" that a cluster scenario kills or
   * cuts off is then the leader of every partition, and one fault meets all of the run's events.
   * The lab's nodes are brokers and controllers at once, but production clusters run their
   * controllers apart, where a partition's leader is never the active controller; cutting off a
   * leader that is also the controller would first cost a controller election and change the story.
   * The followers' order varies by partition, so a failover spreads the partitions over the other
   * two. (Only where the lab numbers the brokers 1, 2, 3: an external cluster places replicas its
   * own way.)
   *
   * @param controller the active controller's id, or -1 when unknown
   */
  private static Map<Integer, List<Integer>> oneLeader(int brokers, int controller) {
    List<Integer> candidates = new ArrayList<>();
    for (int id = 1; id <= brokers; id++) {
      if (id != controller) {
        candidates.add(id);
      }
    }
    int leader = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    List<Integer> followers = new ArrayList<>();
    for (int id = 1; id <= brokers; id++) {
      if (id != leader) {
        followers.add(id);
      }
    }
    Map<Integer, List<Integer>> assignment = new TreeMap<>();
    for (int partition = 0; partition < EVENT_PARTITIONS; partition++) {
      List<Integer> replicas = new ArrayList<>();
      replicas.add(leader);
      for (int i = 0; i < 2 && i < followers.size(); i++) {
        replicas.add(followers.get((partition + i) % followers.size()));
      }
      assignment.put(partition, replicas);
    }
    return assignment;
  }

  /** The node that leads the KRaft quorum now, or -1 when the cluster does not say. */
  private static int activeController(Admin kafka) {
    try {
      return kafka.describeMetadataQuorum().quorumInfo().get(10, SECONDS).leaderId();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not ask for the active controller: {}", e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for the active controller", e);
    }
  }

  static Connection adminConnection(LabEnvironment environment) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", environment.postgresUser());
    props.setProperty("password", environment.postgresPassword());
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(environment.directJdbcUrl("postgres"), props);
  }

  static Admin kafkaAdmin(LabEnvironment environment) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.directKafkaBootstrap());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(props);
  }

  /**
   * Drops a database, its replication slots first: a slot would keep WAL forever, and PostgreSQL
   * refuses to drop a database with an active one, so their walsenders are terminated.
   */
  static void dropDatabase(Connection admin, String name) throws SQLException {
    checkedName(name);
    Polling.Outcome outcome;
    try {
      outcome =
          Polling.until(
              DDL_TIMEOUT,
              DDL_POLL,
              // A terminated walsender takes a moment to let go of its slot.
              SQLException.class::isInstance,
              () -> {
                dropDatabaseOnce(admin, name);
                return true;
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (!outcome.done()) {
      throw (SQLException) outcome.failure();
    }
  }

  private static void dropDatabaseOnce(Connection admin, String name) throws SQLException {
    try (PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                    + " WHERE database = ? AND active");
        PreparedStatement slots =
            admin.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE database = ? AND NOT active");
        Statement drop = admin.createStatement()) {
      terminate.setString(1, name);
      terminate.execute();
      slots.setString(1, name);
      slots.execute();
      drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /**
   * Drops every run database left by an earlier JVM that died before it could clean up. Only for
   * servers the lab owns: on shared servers other people's runs may be under way.
   */
  static void dropLeftovers(LabEnvironment environment) {
    try (Connection admin = adminConnection(environment);
        PreparedStatement leftovers =
            admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
      leftovers.setString(1, DATABASE_PREFIX.replace("_", "\\_") + "%");
      List<String> names = new ArrayList<>();
      try (var rows = leftovers.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      names.removeIf(name -> !name.matches("[a-z0-9_]+")); // not a name the lab gives
      for (String name : names) {
        dropDatabase(admin, name);
      }
      if (!names.isEmpty()) {
        log.info("dropped {} databases left by an earlier run", names.size());
      }
    } catch (SQLException e) {
      log.warn("could not drop leftover databases: {}", e.getMessage());
    }
  }

  private static String checkedName(String name) {
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("bad database name '" + name + "'");
    }
    return name;
  }
}
