package dualwrite.chaos.run;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.checker.Checker;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run is set up beyond its scenario.
 *
 * @param consumer how the fraud service consumes: {@link ConsumerMode#IDEMPOTENT} by default, or a
 *     foil that shows what the inbox and the manual offset commits are for
 * @param settleTimeout how long the runner waits, after healing, for the relay to drain and the
 *     fraud service to catch up before it checks anyway
 * @param deliveryBound how long after healing every event must have been checked
 * @param crashWitness what looks at the run whenever a crash point kills a service; {@link
 *     CrashWitness#NONE} by default
 */
public record RunOptions(
    ConsumerMode consumer,
    Duration settleTimeout,
    Duration deliveryBound,
    CrashWitness crashWitness) {

  public static final RunOptions DEFAULT =
      new RunOptions(
          ConsumerMode.IDEMPOTENT,
          Duration.ofSeconds(20),
          Checker.DELIVERY_BOUND,
          CrashWitness.NONE);

  public RunOptions {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(crashWitness, "crashWitness");
  }

  public RunOptions withConsumer(ConsumerMode mode) {
    return new RunOptions(mode, settleTimeout, deliveryBound, crashWitness);
  }

  public RunOptions withCrashWitness(CrashWitness witness) {
    return new RunOptions(consumer, settleTimeout, deliveryBound, witness);
  }
}
