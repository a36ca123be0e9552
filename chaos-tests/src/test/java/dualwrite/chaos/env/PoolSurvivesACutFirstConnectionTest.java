package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.spi.DatabaseTarget;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A pool whose very first connection dies while the pool sets it up (PostgreSQL stopping at that
 * moment, as in the catalogue's immediate stop) must still connect once the server is back. A
 * HikariCP pool without an explicit isolation level does not: it records the failed detection, then
 * sets isolation level -1 on every later connection, which the driver refuses, so the pool never
 * holds a connection again. In a generated scenario this left the outbox relay without a database
 * for good, and its events "lost".
 */
class PoolSurvivesACutFirstConnectionTest {

  @Test
  void aPoolWhoseFirstConnectionDiesDuringSetupConnectsOnceTheServerAnswers() throws Exception {
    LabEnvironment environment = Environments.shared();
    String id = UUID.randomUUID().toString().substring(0, 8);
    try (RunSpace run = RunSpace.open(environment, "pool-" + id, null)) {
      DatabaseTarget target = run.directDatabase();
      HikariConfig config = target.poolConfig("cut-first-" + id, 2);
      config.setDataSource(new FirstConnectionDiesDuringSetup(target));
      config.setJdbcUrl(null);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        await()
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  try (Connection connection = pool.getConnection();
                      Statement statement = connection.createStatement();
                      ResultSet row = statement.executeQuery("SELECT 1")) {
                    assertThat(row.next()).isTrue();
                  }
                });
      }
    }
  }

  /** Real connections; the first one is closed as the pool asks for its isolation level. */
  private static final class FirstConnectionDiesDuringSetup implements DataSource {
    private final DatabaseTarget target;
    private final AtomicBoolean first = new AtomicBoolean(true);

    FirstConnectionDiesDuringSetup(DatabaseTarget target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real =
          DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
      if (!first.getAndSet(false)) {
        return real;
      }
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getTransactionIsolation")) {
                  real.close(); // the server went away just now
                  throw new SQLException("This connection has been closed.", "08003");
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
