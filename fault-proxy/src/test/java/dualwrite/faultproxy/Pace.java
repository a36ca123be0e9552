package dualwrite.faultproxy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Lets time pass in a test without Thread.sleep: Awaitility waits, then checks a condition. */
final class Pace {
  private Pace() {}

  /** Returns after {@code millis} ms. */
  static void pause(long millis) {
    await()
        .pollDelay(Duration.ofMillis(millis))
        .atMost(Duration.ofMillis(millis + 5_000))
        .until(() -> true);
  }

  static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e6;
  }
}
