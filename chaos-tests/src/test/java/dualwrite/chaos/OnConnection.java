package dualwrite.chaos;

import java.sql.Connection;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The lab's SQL (which takes a JDBC template) on a connection a test holds, in that connection's
 * transaction: a test keeps a writer's transaction open, then commits or rolls it back itself.
 */
public final class OnConnection {

  private OnConnection() {}

  /** Statements on {@code connection}; the template neither commits nor closes it. */
  public static NamedParameterJdbcTemplate onConnection(Connection connection) {
    return new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
  }
}
