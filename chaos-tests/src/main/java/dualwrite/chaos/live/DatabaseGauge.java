package dualwrite.chaos.live;

import dualwrite.bank.spi.Deployment;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.TruthReader;
import dualwrite.chaos.env.RunSpace;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The live page's view of the run's database, read directly (past the proxies): counts, the
 * backlog, and the rows of a few transactions. One connection, opened again after PostgreSQL comes
 * back from a stop; short timeouts, so a stopped server shows at once instead of stalling the page.
 * Not thread-safe: the watcher's one thread uses it.
 */
final class DatabaseGauge implements AutoCloseable {

  record Counts(long committed, Long newestCommit, long checked, long pending) {}

  private final RunSpace run;
  private final Deployment deployment;
  private Connection connection;

  DatabaseGauge(RunSpace run, Deployment deployment) {
    this.run = run;
    this.deployment = deployment;
  }

  Counts counts() throws SQLException {
    Connection c = connection();
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM bank.committed_transactions),"
                    + " (SELECT max(committed_at) FROM bank.committed_transactions),"
                    + " (SELECT count(*) FROM fraud.fraud_checks)");
        ResultSet row = query.executeQuery()) {
      row.next();
      Timestamp newest = row.getTimestamp(2);
      return new Counts(
          row.getLong(1),
          newest == null ? null : newest.getTime(),
          row.getLong(3),
          deployment.backlog(c));
    } catch (SQLException e) {
      forget();
      throw e;
    }
  }

  /** The committed rows and fraud checks of these transactions. */
  Truth rowsOf(Collection<UUID> ids) throws SQLException {
    Connection c = connection();
    List<Truth.Committed> committed = new ArrayList<>();
    List<Truth.Checked> checks = new ArrayList<>();
    try {
      Array wanted = c.createArrayOf("uuid", ids.toArray());
      try (PreparedStatement query =
          c.prepareStatement(TruthReader.COMMITTED + " WHERE transaction_id = ANY(?)")) {
        query.setArray(1, wanted);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            committed.add(TruthReader.committed(rows));
          }
        }
      }
      try (PreparedStatement query =
          c.prepareStatement(TruthReader.CHECKED + " WHERE transaction_id = ANY(?)")) {
        query.setArray(1, wanted);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            checks.add(TruthReader.checked(rows));
          }
        }
      }
    } catch (SQLException e) {
      forget();
      throw e;
    }
    return new Truth(committed, List.of(), checks);
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Properties props = new Properties();
      props.setProperty("user", run.environment().postgresUser());
      props.setProperty("password", run.environment().postgresPassword());
      props.setProperty("connectTimeout", "2");
      props.setProperty("socketTimeout", "3");
      connection = DriverManager.getConnection(run.directDatabase().jdbcUrl(), props);
      connection.setAutoCommit(true);
    }
    return connection;
  }

  private void forget() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken: nothing to release
      }
      connection = null;
    }
  }
}
