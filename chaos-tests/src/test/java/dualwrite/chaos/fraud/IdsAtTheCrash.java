package dualwrite.chaos.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.spi.DatabaseTarget;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.CrashWitness;
import dualwrite.chaos.run.RunResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the fraud service's tables held, as another connection sees them, at the instant the service
 * died at one crash point: a query for ids, run then. The witness runs in the consumer's own thread
 * before it dies, so the tables cannot change meanwhile, however late in the scenario the crash
 * comes.
 */
final class IdsAtTheCrash implements CrashWitness {

  private final CrashPoint point;
  private final String query;
  private volatile List<UUID> ids;
  private volatile Exception failure;

  /**
   * @param query selects one column of ids, such as {@code SELECT event_id FROM
   *     fraud.processed_events}
   */
  IdsAtTheCrash(CrashPoint point, String query) {
    this.point = point;
    this.query = query;
  }

  @Override
  public void crashed(CrashPoint fired, RunSpace run) {
    if (!fired.equals(point)) {
      return;
    }
    DatabaseTarget database = run.directDatabase();
    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      List<UUID> found = new ArrayList<>();
      while (rows.next()) {
        found.add(rows.getObject(1, UUID.class));
      }
      ids = found;
    } catch (SQLException | RuntimeException e) {
      failure = e;
    }
  }

  /**
   * The ids at the crash; fails the test when the service never died there, or they were unread.
   */
  List<UUID> ids(RunResult result) {
    assertThat(failure)
        .as("the fraud service's tables could be read at the crash: %s", result.folder())
        .isNull();
    assertThat(ids)
        .as("the fraud service died at %s: %s, in %s", point, result.summary(), result.folder())
        .isNotNull();
    return ids;
  }
}
