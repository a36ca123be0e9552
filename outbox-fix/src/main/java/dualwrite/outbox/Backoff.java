package dualwrite.outbox;

import java.time.Duration;

/**
 * Waits longer after each consecutive failure (doubling from {@code first} up to {@code max}), and
 * starts again from {@code first} after a success. The wait ends early when the owner stops.
 */
final class Backoff {

  private final long firstMs;
  private final long maxMs;
  private final Object wakeUp = new Object();
  private long nextMs;

  Backoff(Duration first, Duration max) {
    this.firstMs = first.toMillis();
    this.maxMs = max.toMillis();
    this.nextMs = firstMs;
  }

  void reset() {
    nextMs = firstMs;
  }

  /** Waits the current delay, then doubles it. */
  void pause() throws InterruptedException {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    sleep(delay);
  }

  /** Waits {@code millis} unless woken up. */
  void sleep(long millis) throws InterruptedException {
    synchronized (wakeUp) {
      wakeUp.wait(Math.max(1, millis));
    }
  }

  /** Waits {@code millis}; an interrupt ends the wait and is kept for the caller to see. */
  void sleepQuietly(long millis) {
    try {
      sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the current wait at once: the owner is stopping. */
  void wakeUp() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }
}
