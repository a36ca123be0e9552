package dualwrite.bank.fraud;

import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.QuietRollbackTransactionManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fraud service's inbox: it remembers the id of every event it checks, in the same database
 * transaction as the check, and checks only the events whose ids are new. A delivery Kafka makes
 * again, after a crash or because a relay published an event twice, finds its id and is skipped.
 */
final class Inbox {

  private static final String REMEMBER =
      """
      INSERT INTO fraud.processed_events (event_id) SELECT unnest(?::uuid[])
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private static final String CHECK =
      """
      INSERT INTO fraud.fraud_checks
             (event_id, transaction_id, account_id, sequence, amount_minor, flagged, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ConsumerMode mode;
  private final FraudRule rule;
  private final Tripwire tripwire;

  Inbox(DataSource database, ConsumerMode mode, FraudRule rule, Tripwire tripwire) {
    this.jdbc = new JdbcTemplate(database);
    this.transactions = new TransactionTemplate(new QuietRollbackTransactionManager(database));
    this.mode = mode;
    this.rule = rule;
    this.tripwire = tripwire;
  }

  /**
   * In ONE database transaction: remember the event ids, and check the new ones. The foil {@link
   * ConsumerMode#INBOX_OUTSIDE_TRANSACTION} commits the event ids first, in a transaction of their
   * own, so that {@link FraudDetectionService#BEFORE_DB_COMMIT} falls between the two commits.
   *
   * @throws Failed when the database failed; the checks of this call are rolled back
   * @throws RuleFailed when the fraud rule failed on an event; the same
   */
  void record(List<TransactionRecorded> events) throws Failed {
    if (events.isEmpty()) {
      return;
    }
    if (mode.inboxCommitsFirst()) {
      recordInTwoTransactions(events);
      return;
    }
    try {
      // region inbox
      transactions.executeWithoutResult(
          status -> {
            Set<UUID> toCheck = mode.remembers() ? remember(events) : allIds(events);
            check(firstDeliveries(events, toCheck));
            tripwire.pass(FraudDetectionService.BEFORE_DB_COMMIT);
          }); // one commit: the event ids and their checks, or neither
      // endregion inbox
    } catch (DataAccessException | TransactionException e) {
      throw new Failed(e);
    }
  }

  /** The foil: the event ids commit on their own, whatever becomes of the checks. */
  private void recordInTwoTransactions(List<TransactionRecorded> events) throws Failed {
    try {
      Set<UUID> toCheck = transactions.execute(status -> remember(events));
      transactions.executeWithoutResult(
          status -> {
            check(firstDeliveries(events, toCheck));
            tripwire.pass(FraudDetectionService.BEFORE_DB_COMMIT);
          });
    } catch (DataAccessException | TransactionException e) {
      throw new Failed(e);
    }
  }

  // region dedupe
  /** The events to check: those whose ids are new, each once even when it came twice here. */
  private List<TransactionRecorded> firstDeliveries(
      List<TransactionRecorded> events, Set<UUID> toCheck) {
    List<TransactionRecorded> first = new ArrayList<>();
    Set<UUID> checked = new HashSet<>();
    for (TransactionRecorded event : events) {
      if (!toCheck.contains(event.eventId())) {
        continue; // seen before: this delivery is a duplicate
      }
      if (mode.remembers() && !checked.add(event.eventId())) {
        continue; // twice in this very batch
      }
      first.add(event);
    }
    return first;
  }

  // endregion dedupe

  /** Inserts the ids; only those it had not seen come back. */
  private Set<UUID> remember(List<TransactionRecorded> events) {
    Object[] ids = events.stream().map(TransactionRecorded::eventId).toArray();
    return new HashSet<>(
        jdbc.query(
            connection -> {
              PreparedStatement remember = connection.prepareStatement(REMEMBER);
              remember.setArray(1, connection.createArrayOf("uuid", ids));
              return remember;
            },
            (row, number) -> row.getObject(1, UUID.class)));
  }

  private static Set<UUID> allIds(List<TransactionRecorded> events) {
    Set<UUID> ids = new HashSet<>();
    events.forEach(event -> ids.add(event.eventId()));
    return ids;
  }

  /** Assesses each event and inserts its check, in one JDBC batch. */
  private void check(List<TransactionRecorded> events) {
    List<Check> checks = new ArrayList<>(events.size());
    for (TransactionRecorded event : events) {
      try {
        checks.add(new Check(event, rule.assess(event)));
      } catch (RuntimeException e) {
        throw new RuleFailed(event, e);
      }
    }
    jdbc.batchUpdate(
        CHECK,
        checks,
        Math.max(1, checks.size()),
        (statement, check) -> {
          TransactionRecorded event = check.event();
          statement.setObject(1, event.eventId());
          statement.setObject(2, event.transactionId());
          statement.setString(3, event.accountId());
          statement.setLong(4, event.sequence());
          statement.setLong(5, event.amountMinor());
          statement.setBoolean(6, check.assessment().flagged());
          statement.setString(7, check.assessment().reason());
        });
  }

  private record Check(TransactionRecorded event, FraudRule.Assessment assessment) {}

  /** The fraud rule failed on an event: retrying the same event can never succeed. */
  static final class RuleFailed extends RuntimeException {
    RuleFailed(TransactionRecorded event, RuntimeException cause) {
      super("the fraud rule failed on event " + event.eventId() + ": " + cause, cause);
    }
  }

  /** The database failed the transaction; nothing of it is committed (but the foil's ids). */
  static final class Failed extends Exception {
    Failed(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }

    /**
     * Whether the database refused the data itself (SQLSTATE class 22, data exception, or 23,
     * integrity constraint violation), so that retrying the same event can never succeed. A lost
     * connection or a server going away is worth a retry.
     */
    boolean refusedByItsData() {
      for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof SQLException sql) {
          String state = sql.getSQLState();
          return state != null && (state.startsWith("22") || state.startsWith("23"));
        }
      }
      return false;
    }
  }
}
