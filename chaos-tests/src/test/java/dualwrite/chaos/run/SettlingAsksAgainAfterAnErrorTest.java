package dualwrite.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Bank;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.Service;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.RunSpace;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * After the heal, a server may still be coming back and the first questions fail. The settle wait
 * treats an error as "not settled yet" and asks again until its deadline: returning at the first
 * error made the checker read a half-drained system and report events lost that were only late.
 */
class SettlingAsksAgainAfterAnErrorTest {

  @Test
  void anErrorWhileAskingIsNoAnswerAndTheWaitGoesOn() {
    try (RunSpace run = RunSpace.open(Environments.shared(), "settle-" + System.nanoTime(), null)) {
      FlakyBacklog backlog = new FlakyBacklog(3);

      boolean settled =
          Settling.await(
              backlog, run, "no-such-group-" + System.nanoTime(), Duration.ofSeconds(20));

      assertThat(settled).as("it settled once the questions were answered").isTrue();
      assertThat(backlog.asked.get())
          .as("it asked again after each of the 3 errors, then twice more to be sure")
          .isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void aWaitThatNeverGetsAnAnswerEndsAtItsDeadlineUnsettled() {
    try (RunSpace run = RunSpace.open(Environments.shared(), "settle-" + System.nanoTime(), null)) {
      FlakyBacklog backlog = new FlakyBacklog(Integer.MAX_VALUE);

      boolean settled =
          Settling.await(backlog, run, "no-such-group-" + System.nanoTime(), Duration.ofSeconds(1));

      assertThat(settled).as("errors all along never count as settled").isFalse();
      assertThat(backlog.asked.get()).as("it kept asking until the deadline").isGreaterThan(1);
    }
  }

  /** A deployment whose backlog query fails its first {@code failures} times, then finds none. */
  private static final class FlakyBacklog implements Deployment {
    final AtomicInteger asked = new AtomicInteger();
    private final int failures;

    FlakyBacklog(int failures) {
      this.failures = failures;
    }

    @Override
    public long backlog(Connection direct) throws SQLException {
      try (Statement statement = direct.createStatement()) {
        statement.execute("SELECT 1"); // a real round trip on the connection it was handed
      }
      if (asked.incrementAndGet() <= failures) {
        throw new SQLException("the database is still starting up", "57P03");
      }
      return 0;
    }

    @Override
    public Bank bank() {
      throw new UnsupportedOperationException("no bank: only the backlog is asked for");
    }

    @Override
    public List<Service> services() {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
