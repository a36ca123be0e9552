package dualwrite.chaos.env;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The harness's one wait for a condition with a deadline: asks again, every {@code interval}, until
 * the answer is yes or {@code timeout} has passed, on Failsafe's {@link RetryPolicy}. Each caller
 * says which failures are worth asking again after, and turns an outcome that is not done into its
 * own exception and message.
 */
public final class Polling {

  private Polling() {}

  /** One question: true when the wait is over. */
  @FunctionalInterface
  public interface Check {
    boolean done() throws Exception;
  }

  /**
   * How a wait ended.
   *
   * @param done whether a check said yes
   * @param failure when not done, the failure that ended the wait: the last one at the deadline, or
   *     one that is not worth asking again after; null when the last check said no
   */
  public record Outcome(boolean done, Exception failure) {}

  /**
   * Runs {@code check}, and again after {@code interval} (at once for {@link Duration#ZERO}) while
   * it says no or throws a failure that {@code retryOn} accepts, until one that started before
   * {@code timeout} had passed ends after it. A checked failure that {@code retryOn} rejects ends
   * the wait at once, in the outcome; an unchecked one is thrown as it is. A {@code timeout} no
   * longer than {@code interval} leaves time for one check only.
   *
   * @throws InterruptedException when interrupted, during a check or between two
   */
  public static Outcome until(
      Duration timeout, Duration interval, Predicate<? super Exception> retryOn, Check check)
      throws InterruptedException {
    RetryPolicyBuilder<Boolean> policy =
        RetryPolicy.<Boolean>builder()
            .handleIf(
                (Boolean done, Throwable failure) ->
                    failure == null ? !done : worthAnotherTry(failure, retryOn))
            .withMaxRetries(-1);
    if (!interval.isZero()) {
      policy.withDelay(interval);
    }
    if (timeout.compareTo(interval) > 0) {
      policy.withMaxDuration(timeout);
    } else {
      policy.withMaxRetries(0); // no time for a second question (and Failsafe wants more)
    }
    try {
      return new Outcome(Failsafe.with(policy.build()).get(check::done), null);
    } catch (FailsafeException e) {
      // Failsafe wraps the checked failures, the interrupt of its own sleep among them
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      return new Outcome(false, (Exception) e.getCause());
    } catch (RuntimeException e) {
      if (worthAnotherTry(e, retryOn)) {
        return new Outcome(false, e); // still failing at the deadline
      }
      throw e;
    }
  }

  private static boolean worthAnotherTry(Throwable failure, Predicate<? super Exception> retryOn) {
    return failure instanceof Exception e
        && !(e instanceof InterruptedException)
        && retryOn.test(e);
  }
}
