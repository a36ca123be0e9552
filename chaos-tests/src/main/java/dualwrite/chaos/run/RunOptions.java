package dualwrite.chaos.run;

import dualwrite.chaos.checker.Checker;
import java.time.Duration;

/**
 * How a run is set up beyond its scenario.
 *
 * @param idempotentConsumer false to run the fraud service without its inbox, to show what
 *     redelivered events do to it
 * @param settleTimeout how long the runner waits, after healing, for the relay to drain and the
 *     fraud service to catch up before it checks anyway
 * @param deliveryBound how long after healing every event must have been checked
 */
public record RunOptions(
    boolean idempotentConsumer, Duration settleTimeout, Duration deliveryBound) {

  public static final RunOptions DEFAULT =
      new RunOptions(true, Duration.ofSeconds(20), Checker.DELIVERY_BOUND);

  public RunOptions withIdempotentConsumer(boolean idempotent) {
    return new RunOptions(idempotent, settleTimeout, deliveryBound);
  }
}
