package dualwrite.bank.spi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a component's database connections go: a JDBC URL (through the component's own link) and
 * credentials. The password never appears in {@link #toString()}.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL
 * @param user the database user
 * @param password the password, empty for none
 */
public record DatabaseTarget(String jdbcUrl, String user, String password) {

  /** How long a component waits for a connection or a query before it gives up. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  public DatabaseTarget {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
  }

  /**
   * A connection pool with short timeouts, so that a cut link fails a call within seconds instead
   * of hanging it: a test can then tell a failure from an outcome it cannot know.
   *
   * @param name the pool's name in logs, such as {@code bank}
   * @param size the most connections it opens
   */
  public HikariDataSource openPool(String name, int size) {
    return new HikariDataSource(poolConfig(name, size));
  }

  /** The configuration {@link #openPool} uses, for a caller that must adjust it. */
  public HikariConfig poolConfig(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    // Named, not detected: when HikariCP's detection fails on a connection that dies during setup
    // (a server stopping just then), it sets isolation -1 on every later connection, which the
    // driver refuses, and the pool never connects again (PoolSurvivesACutFirstConnectionTest).
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(TIMEOUT.toMillis());
    config.setValidationTimeout(Math.min(1000, TIMEOUT.toMillis()));
    config.setInitializationFailTimeout(-1); // start even when the database is away
    config.setKeepaliveTime(0);
    config.addDataSourceProperty("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
    config.addDataSourceProperty("socketTimeout", Long.toString(TIMEOUT.toSeconds() * 2));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", name);
    return config;
  }

  @Override
  public String toString() {
    return "DatabaseTarget[" + jdbcUrl + " as " + user + "]";
  }
}
