package dualwrite.outbox;

import dualwrite.bank.Component;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The run's publication and logical replication slot for the CDC relay, named after the run. They
 * are created with SQL before any relay or bank starts: the slot keeps every later insert in the
 * write-ahead log until the relay confirms it, so nothing inserted while an engine starts (or is
 * down) is missed.
 */
final class ReplicationSlot {

  private ReplicationSlot() {}

  /** {@code outbox_<run id>}, used for both the slot and the publication. */
  static String name(Connections connections) {
    String name = "outbox_" + connections.runId().replace('-', '_');
    if (!name.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("cannot name a replication slot after run " + name);
    }
    return name;
  }

  /**
   * Creates the publication (inserts into {@code bank.outbox} only), then the slot, unless they
   * exist. The publication comes first: pgoutput reads it as of each change it decodes.
   *
   * @throws IllegalStateException when PostgreSQL refuses
   */
  static void ensure(Connections connections) {
    String name = name(connections);
    DatabaseTarget target = connections.database(Component.RELAY);
    Properties props = new Properties();
    props.setProperty("user", target.user());
    props.setProperty("password", target.password());
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "30");
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), props)) {
      connection.setAutoCommit(true);
      if (!exists(connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", name)) {
        try (Statement create = connection.createStatement()) {
          // An identifier cannot be a bind parameter; the name matches [a-z0-9_]+ (see name()).
          create.execute(
              "CREATE PUBLICATION " + name + " FOR TABLE bank.outbox WITH (publish = 'insert')");
        }
      }
      if (!exists(connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", name)) {
        try (PreparedStatement create =
            connection.prepareStatement(
                "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
          create.setString(1, name);
          create.execute();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the publication and slot " + name + " through " + target, e);
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement check = connection.prepareStatement(query)) {
      check.setString(1, name);
      try (ResultSet row = check.executeQuery()) {
        return row.next();
      }
    }
  }
}
