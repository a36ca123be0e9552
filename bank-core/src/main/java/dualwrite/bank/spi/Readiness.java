package dualwrite.bank.spi;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether an instance is ready to do its job yet. The instance's own thread says so once ({@link
 * #ready}), or says that it never will be because it stopped first ({@link #never}); a caller waits
 * for either with a bound ({@link #await}).
 */
public final class Readiness {

  private final CountDownLatch decided = new CountDownLatch(1);
  private volatile boolean ready;

  /** The instance does its job from now on. Later calls change nothing. */
  public synchronized void ready() {
    if (decided.getCount() > 0) {
      ready = true;
      decided.countDown();
    }
  }

  /** The instance stopped, or died, before it was ready: whoever waits stops waiting. */
  public synchronized void never() {
    decided.countDown();
  }

  /**
   * @return true once ready; false when the instance stopped first or {@code timeout} passed
   */
  public boolean await(Duration timeout) throws InterruptedException {
    return decided.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && ready;
  }
}
