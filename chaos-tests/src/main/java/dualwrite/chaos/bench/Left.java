package dualwrite.chaos.bench;

import java.sql.SQLException;
import java.time.Duration;

/** Something left to do, counted in the database: events still to publish, or to check. */
@FunctionalInterface
interface Left {

  /** How long a drain may take before the benchmark gives up on it: far beyond any target. */
  Duration DRAIN_LIMIT = Duration.ofSeconds(120);

  long count() throws SQLException;

  /**
   * Polls until nothing is left, every 20 ms (a benchmark measures a rate: the poll is its clock).
   *
   * @throws IllegalStateException when something is still left after {@link #DRAIN_LIMIT}
   */
  static void awaitZero(Left left, String what) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    long count;
    while ((count = left.count()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            count + " " + what + " after " + DRAIN_LIMIT.toSeconds() + " s: it never finished");
      }
      Thread.sleep(20);
    }
  }
}
