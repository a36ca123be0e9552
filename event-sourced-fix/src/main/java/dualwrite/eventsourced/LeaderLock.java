package dualwrite.eventsourced;

import dualwrite.bank.spi.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A relay's own database session, and the session-level advisory lock that makes it the one relay
 * that publishes. The lock lives exactly as long as the session: when the holder dies or its link
 * is cut, PostgreSQL ends the session and frees the lock, and a standby takes it at its next try.
 * The holder reads and saves its position through this same session, so it cannot save a position
 * after losing the lock: the session is gone by then.
 */
final class LeaderLock implements AutoCloseable {

  /** The advisory lock's key, one per database; any fixed number the lab uses for nothing else. */
  static final long KEY = 0x5245_4c41_5931L; // "RELAY1" in ASCII

  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";

  private final Connection session;
  private boolean held;

  private LeaderLock(Connection session) {
    this.session = session;
  }

  /**
   * Opens a session through the relay's link, with the same short timeouts as the lab's pools.
   *
   * @param name shown as the session's application name, so a person can see who leads
   */
  static LeaderLock connect(DatabaseTarget target, String name) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", target.user());
    properties.setProperty("password", target.password());
    properties.setProperty("ApplicationName", name);
    properties.setProperty("connectTimeout", Long.toString(DatabaseTarget.TIMEOUT.toSeconds()));
    properties.setProperty("loginTimeout", Long.toString(DatabaseTarget.TIMEOUT.toSeconds()));
    properties.setProperty("socketTimeout", Long.toString(DatabaseTarget.TIMEOUT.toSeconds() * 2));
    properties.setProperty("tcpKeepAlive", "true");
    Connection session = DriverManager.getConnection(target.jdbcUrl(), properties);
    session.setAutoCommit(true); // one statement, one transaction, one snapshot
    return new LeaderLock(session);
  }

  /** Takes the lock if no other session holds it; true while this session holds it. */
  boolean tryAcquire() throws SQLException {
    if (held) {
      return true;
    }
    try (PreparedStatement lock = session.prepareStatement(TRY_LOCK)) {
      lock.setLong(1, KEY);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        held = row.getBoolean(1);
      }
    }
    return held;
  }

  boolean held() {
    return held;
  }

  /** The session, for the leader's reads and writes. */
  Connection session() {
    return session;
  }

  /** Drops the session at once, as a killed process would: the server frees the lock. */
  void abort() {
    try {
      session.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      // already gone
    }
  }

  /** Ends the session in an orderly way, which frees the lock. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (SQLException e) {
      // already gone: the server frees the lock on its own
    }
  }
}
