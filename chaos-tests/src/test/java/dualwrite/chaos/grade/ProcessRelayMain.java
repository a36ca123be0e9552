package dualwrite.chaos.grade;

import dualwrite.bank.EventRecords;
import dualwrite.bank.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * An outbox relay as a program of its own, for {@link CommandRelayTest}: the contract of
 * docs/running-your-own-relay.md kept with nothing but the LAB_* environment variables, JDBC and
 * kafka-clients, so the test of the {@code workshop/relay-command} mechanism needs no Python. With
 * {@code -Dpids=<file>} each life appends its pid there, for the test to see who was killed.
 */
public final class ProcessRelayMain {

  private static final long TURN = 0x0DB0_0B0FL;
  private static final int BATCH = 500;

  private ProcessRelayMain() {}

  public static void main(String[] args) throws Exception {
    String pids = System.getProperty("pids");
    if (pids != null) {
      Files.writeString(
          Path.of(pids),
          ProcessHandle.current().pid() + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    String name = System.getenv("LAB_RELAY_NAME");
    String table = System.getenv("LAB_OUTBOX_TABLE");
    String topic = System.getenv("LAB_TOPIC");
    Properties login = new Properties();
    login.setProperty("user", System.getenv("LAB_PG_USER"));
    login.setProperty("password", System.getenv("LAB_PG_PASSWORD"));
    login.setProperty("connectTimeout", "5");
    login.setProperty("socketTimeout", "10");
    Map<String, Object> producerSettings =
        KafkaSettings.reliableProducer(
            Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, System.getenv("LAB_KAFKA_BOOTSTRAP")),
            name);
    Connection database = null;
    KafkaProducer<String, byte[]> producer = null;
    boolean ready = false;
    while (true) { // SIGTERM ends the JVM; an open transaction rolls back with the connection
      try {
        if (database == null) {
          database = DriverManager.getConnection(System.getenv("LAB_PG_JDBC_URL"), login);
          database.setAutoCommit(false);
        }
        if (producer == null) {
          producer = new KafkaProducer<>(producerSettings);
        }
        if (!ready) {
          // ready once both answer: a JVM on a loaded machine takes seconds to make its producer
          try (ResultSet pending =
              database.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            pending.next();
          }
          database.rollback();
          producer.partitionsFor(topic);
          System.out.println(CommandRelay.READY);
          System.out.flush();
          ready = true;
        }
        if (publish(database, producer, table, topic, name) == 0) {
          Thread.sleep(20);
        }
      } catch (Exception e) {
        System.out.println(name + ": failed, trying again: " + e);
        if (database != null) {
          try {
            database.rollback();
          } catch (SQLException broken) {
            database.close();
            database = null;
          }
        }
        if (producer != null) {
          producer.close(Duration.ZERO);
          producer = null;
        }
        Thread.sleep(200);
      }
    }
  }

  private record Row(long id, UUID eventId, String accountId, String payload) {}

  /** One batch under the advisory lock: sent, acknowledged, then marked; or nothing marked. */
  private static int publish(
      Connection database,
      KafkaProducer<String, byte[]> producer,
      String table,
      String topic,
      String name)
      throws Exception {
    try (PreparedStatement turn =
        database.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      turn.setLong(1, TURN);
      try (ResultSet held = turn.executeQuery()) {
        held.next();
        if (!held.getBoolean(1)) {
          database.rollback();
          return 0;
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement pending =
        database.prepareStatement(
            "SELECT id, event_id, account_id, payload::text FROM "
                + table
                + " WHERE published_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT ?")) {
      pending.setInt(1, BATCH);
      try (ResultSet found = pending.executeQuery()) {
        while (found.next()) {
          rows.add(
              new Row(
                  found.getLong(1),
                  found.getObject(2, UUID.class),
                  found.getString(3),
                  found.getString(4)));
        }
      }
    }
    if (rows.isEmpty()) {
      database.commit();
      return 0;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Row row : rows) {
      acks.add(
          producer.send(
              EventRecords.toRecord(
                  topic,
                  row.accountId(),
                  row.eventId(),
                  row.payload().getBytes(StandardCharsets.UTF_8)),
              (metadata, failure) -> {
                if (failure != null) {
                  producer.close(Duration.ZERO); // nothing more of this batch goes out
                }
              }));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(); // throws at the first failure: the caller rolls back, nothing is marked
    }
    try (PreparedStatement mark =
        database.prepareStatement(
            "UPDATE "
                + table
                + " SET published_at = clock_timestamp(), published_by = ? WHERE id = ANY (?)")) {
      mark.setString(1, name);
      mark.setArray(2, database.createArrayOf("bigint", rows.stream().map(Row::id).toArray()));
      mark.executeUpdate();
    }
    database.commit();
    return rows.size();
  }
}
