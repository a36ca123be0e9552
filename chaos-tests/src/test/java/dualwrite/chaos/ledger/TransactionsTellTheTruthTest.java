package dualwrite.chaos.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.crash.Crash;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.ledger.Transactions;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.RunSpace;
import dualwrite.naive.NaiveCrashPoints;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * {@link Transactions} runs the bank's work on Spring's TransactionTemplate and must still tell the
 * truth: which exception Spring throws in each case, and what the caller is told. A failure before
 * COMMIT is sent is a {@link TransactionFailed} (nothing recorded); a failed COMMIT is an {@link
 * OutcomeUnknown}; a {@link Crash} comes out as itself, after the instance's death, however Spring
 * rolls back; the crash points at the commit fire on the right side of it.
 */
class TransactionsTellTheTruthTest {

  private static RunSpace space;
  private static JdbcTemplate direct;

  private final Crashes crashes = new Crashes();
  private final List<String> events = new ArrayList<>();
  private HikariDataSource pool;

  @BeforeAll
  static void openDatabase() {
    space =
        RunSpace.openDatabaseOnly(
            Environments.shared(), "tx-" + UUID.randomUUID().toString().substring(0, 8));
    DataSource database =
        new DriverManagerDataSource(
            space.directDatabase().jdbcUrl(),
            space.directDatabase().user(),
            space.directDatabase().password());
    direct = new JdbcTemplate(database);
    direct.execute("CREATE TABLE IF NOT EXISTS written (id text PRIMARY KEY)");
  }

  @AfterAll
  static void closeDatabase() {
    space.close();
  }

  @BeforeEach
  void openPool() {
    pool = space.directDatabase().openPool("tx-test", 2);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  private Transactions transactions() {
    Tripwire tripwire =
        crashes.tripwire(
            () -> {
              events.add("died");
              pool.close();
            });
    return new Transactions(pool, tripwire);
  }

  private String write(String id) {
    new JdbcTemplate(pool).update("INSERT INTO written (id) VALUES (?)", id);
    return id;
  }

  private static boolean written(String id) {
    return direct.queryForObject("SELECT count(*) FROM written WHERE id = ?", Long.class, id) == 1;
  }

  @Test
  void workThatCommitsIsRecordedAndItsResultReturned() throws Exception {
    assertThat(transactions().run(() -> write("committed"))).isEqualTo("committed");
    assertThat(written("committed")).isTrue();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsAFailureBeforeAnyWork() {
    pool.close();
    assertThatThrownBy(() -> transactions().run(() -> write("unreached")))
        .isInstanceOf(TransactionFailed.class)
        .hasMessageStartingWith("the database is unavailable")
        .cause()
        .isInstanceOf(CannotCreateTransactionException.class);
  }

  @Test
  void workThatFailsIsRolledBackAndAFailure() {
    assertThatThrownBy(
            () ->
                transactions()
                    .run(
                        () -> {
                          write("rolled-back");
                          return write("rolled-back"); // the primary key refuses it
                        }))
        .isInstanceOf(TransactionFailed.class)
        .hasMessageStartingWith("rolled back:")
        .cause()
        .isInstanceOf(DataAccessException.class);
    assertThat(written("rolled-back")).isFalse();
  }

  @Test
  void aCheckedFailureOfTheWorkIsItsCause() {
    SQLException refused = new SQLException("refused");
    assertThatThrownBy(
            () ->
                transactions()
                    .run(
                        () -> {
                          write("checked");
                          throw refused;
                        }))
        .isInstanceOf(TransactionFailed.class)
        .hasCause(refused);
    assertThat(written("checked")).isFalse();
  }

  @Test
  void aTransactionFailedFromTheWorkComesOutAsItIs() {
    TransactionFailed failed = new TransactionFailed("the work's own answer");
    assertThatThrownBy(() -> transactions().run(() -> failThrowing(failed))).isSameAs(failed);
  }

  private static String failThrowing(TransactionFailed failed) throws TransactionFailed {
    throw failed;
  }

  @Test
  void aCommitThatFailsHasAnUnknownOutcome() {
    // the nemesis's cut at before-commit: the connection dies just before COMMIT is sent
    List<Integer> backend = new ArrayList<>();
    crashes.armAction(
        Transactions.BEFORE_COMMIT,
        1,
        () ->
            direct.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, backend.get(0)));
    assertThatThrownBy(
            () ->
                transactions()
                    .run(
                        () -> {
                          backend.add(
                              new JdbcTemplate(pool)
                                  .queryForObject("SELECT pg_backend_pid()", Integer.class));
                          return write("unknown");
                        }))
        .isInstanceOf(OutcomeUnknown.class)
        .hasMessageStartingWith("the commit's outcome is unknown")
        .cause()
        .isInstanceOf(TransactionSystemException.class);
  }

  @Test
  void beforeCommitFiresAfterTheWorkAndBeforeTheCommit() throws Exception {
    crashes.armAction(
        Transactions.BEFORE_COMMIT,
        1,
        () -> events.add("before-commit, written: " + written("before")));
    transactions()
        .run(
            () -> {
              events.add("work");
              return write("before");
            });
    assertThat(events).containsExactly("work", "before-commit, written: false");
    assertThat(written("before")).isTrue();
  }

  @Test
  void aCrashBeforeTheCommitAbandonsTheTransactionAndComesOutAsItself() {
    crashes.arm(Transactions.BEFORE_COMMIT, 1);
    assertThatThrownBy(() -> transactions().run(() -> write("crashed-before")))
        .isInstanceOf(Crash.class)
        .extracting(crash -> ((Crash) crash).point())
        .isEqualTo(Transactions.BEFORE_COMMIT);
    assertThat(events).containsExactly("died");
    assertThat(written("crashed-before")).isFalse();
  }

  @Test
  void aCrashInTheWorkComesOutAsItselfThoughTheRollbackCannotReachTheDatabase() {
    CrashPoint midWork = NaiveCrashPoints.AFTER_PUBLISH;
    crashes.arm(midWork, 1);
    Tripwire tripwire = crashes.tripwire(pool::close);
    Transactions transactions = new Transactions(pool, tripwire);
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      write("crashed-in-work");
                      tripwire.pass(midWork);
                      return null;
                    }))
        .isInstanceOf(Crash.class);
    assertThat(written("crashed-in-work")).isFalse();
  }

  @Test
  void afterCommitFiresOnceTheCommitHasReturned() throws Exception {
    CrashPoint afterCommit = NaiveCrashPoints.AFTER_DB_COMMIT;
    crashes.armAction(
        afterCommit, 1, () -> events.add("after-commit, written: " + written("after")));
    Transactions transactions = transactions();
    transactions.run(
        () -> {
          transactions.passAfterCommit(afterCommit);
          events.add("work");
          return write("after");
        });
    assertThat(events).containsExactly("work", "after-commit, written: true");
  }

  @Test
  void aCrashAfterTheCommitComesOutAsItselfAndTheTransactionStaysCommitted() {
    CrashPoint afterCommit = NaiveCrashPoints.AFTER_DB_COMMIT;
    crashes.arm(afterCommit, 1);
    Transactions transactions = transactions();
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      transactions.passAfterCommit(afterCommit);
                      return write("crashed-after");
                    }))
        .isInstanceOf(Crash.class);
    assertThat(events).containsExactly("died");
    assertThat(written("crashed-after")).isTrue();
  }
}
