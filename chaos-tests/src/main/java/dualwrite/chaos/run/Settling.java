package dualwrite.chaos.run;

import dualwrite.bank.spi.Deployment;
import dualwrite.chaos.env.Polling;
import dualwrite.chaos.env.RunSpace;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, after healing, until the system has nothing left in flight: the strategy's backlog is
 * empty, the fraud service has committed offsets up to the end of the topic, and on a cluster every
 * replica of the events topic has caught up with its leader, twice in a row. A fixed wait would be
 * either too long for most runs or too short for some.
 *
 * <p>The last condition matters to a producer with {@code acks=1}: the leader acknowledges a record
 * before its followers have it, and consumers (the checker's reader too) see it only once they do.
 * Read before that, an event on its way would pass for lost.
 */
public final class Settling {

  private static final Logger log = LoggerFactory.getLogger(Settling.class);

  private static final Duration POLL = Duration.ofMillis(50);

  private Settling() {}

  /**
   * Polls until the backlog is empty and the fraud service has caught up, twice in a row. An error
   * while asking (a server still coming back, a connection cut by the last fault) is no answer: it
   * asks again, on a fresh connection, until the deadline.
   *
   * @return true when settled, false when {@code timeout} passed first
   */
  public static boolean await(
      Deployment deployment, RunSpace run, String fraudGroup, Duration timeout) {
    return settle(deployment, run, fraudGroup, timeout).settled();
  }

  /**
   * Whether a run settled and, when it did not, what was still open at the deadline.
   *
   * @param open {@code 30 events still to publish, the fraud service's offsets 0 behind}, or why
   *     the lab could not ask, then what {@link StuckWork} found; null when settled
   */
  public record Outcome(boolean settled, String open) {}

  /** As {@link #await}, with what stayed open when it did not settle. */
  public static Outcome settle(
      Deployment deployment, RunSpace run, String fraudGroup, Duration timeout) {
    try (Admin admin = Admin.create(Map.copyOf(run.directKafka()));
        QuietCheck asking = new QuietCheck(deployment, run, fraudGroup, admin)) {
      if (Polling.until(timeout, POLL, failure -> false, asking::quietTwiceInARow).done()) {
        return new Outcome(true, null);
      }
      // which condition stayed open, and what exactly, is what a reader of an unknown verdict
      // needs to know
      String stuck = asking.stuck();
      String open = asking.lastSeen() + (stuck.isEmpty() ? "" : "; " + stuck);
      log.debug("{}: not settled after {}: {}", run.runId(), timeout, open);
      return new Outcome(false, open);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }
}
