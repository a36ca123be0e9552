package dualwrite.chaos.env;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs' databases on the environment's PostgreSQL: each created empty or copied from a
 * template, dropped with its replication slots when its run closes, and those an earlier JVM left
 * behind dropped at start.
 */
final class RunDatabases {

  private static final Logger log = LoggerFactory.getLogger(RunDatabases.class);

  /** How long creating or dropping a database asks again after a failure, and how often. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration DDL_POLL = Duration.ofMillis(20);

  private RunDatabases() {}

  /**
   * Creates a run's database, empty or as a copy of {@code template}.
   *
   * @throws IllegalStateException when the server refuses
   */
  static void create(LabEnvironment environment, String database, String template) {
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

  static Connection adminConnection(LabEnvironment environment) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", environment.postgresUser());
    props.setProperty("password", environment.postgresPassword());
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(environment.directJdbcUrl("postgres"), props);
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
      leftovers.setString(1, RunSpace.DATABASE_PREFIX.replace("_", "\\_") + "%");
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
