package dualwrite.chaos.run;

import dualwrite.chaos.checker.Checker;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run is set up beyond its scenario.
 *
 * @param idempotentConsumer false to run the fraud service without its inbox, to show what
 *     redelivered events do to it
 * @param settleTimeout how long the runner waits, after healing, for the relay to drain and the
 *     fraud service to catch up before it checks anyway
 * @param deliveryBound how long after healing every event must have been checked
 * @param crashWitness what looks at the run whenever a crash point kills a service; {@link
 *     CrashWitness#NONE} by default
 */
public record RunOptions(
    boolean idempotentConsumer,
    Duration settleTimeout,
    Duration deliveryBound,
    CrashWitness crashWitness) {

  public static final RunOptions DEFAULT =
      new RunOptions(true, Duration.ofSeconds(20), Checker.DELIVERY_BOUND, CrashWitness.NONE);

  public RunOptions {
    Objects.requireNonNull(crashWitness, "crashWitness");
  }

  public RunOptions withIdempotentConsumer(boolean idempotent) {
    return new RunOptions(idempotent, settleTimeout, deliveryBound, crashWitness);
  }

  public RunOptions withCrashWitness(CrashWitness witness) {
    return new RunOptions(idempotentConsumer, settleTimeout, deliveryBound, witness);
  }
}
