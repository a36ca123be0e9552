package dualwrite.chaos.env;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How many sessions PostgreSQL has for a service's pool in a run's database, asked on a connection
 * of the test's own: each pooled connection carries its pool's name as its application name.
 */
public final class PoolSessions {

  private PoolSessions() {}

  public static int of(RunSpace run, String pool) throws SQLException {
    try (HikariDataSource look = run.directDatabase().openPool("look", 1);
        Connection connection = look.getConnection();
        PreparedStatement sessions =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = ?")) {
      sessions.setString(1, pool);
      try (ResultSet rows = sessions.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
