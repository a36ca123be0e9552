package dualwrite.chaos.fraud;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.chaos.env.RunSpace;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The fraud checks a run's fraud service made, read straight from its database. */
final class FraudChecks {

  private FraudChecks() {}

  /**
   * The transaction of every check, once per check (a transaction checked twice is there twice).
   */
  static List<UUID> transactions(RunSpace run) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (HikariDataSource direct = run.directDatabase().openPool("read", 1);
        Connection connection = direct.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT transaction_id FROM fraud.fraud_checks")) {
      while (rows.next()) {
        ids.add(rows.getObject(1, UUID.class));
      }
    }
    return ids;
  }
}
