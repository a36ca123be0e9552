package dualwrite.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox's relays behave. Start from {@link #defaults()} and change what a scenario needs:
 * {@code OutboxSettings.defaults().withRelays(2)}.
 *
 * @param relays how many relay services run side by side ({@code relay-1}, {@code relay-2}, ...)
 * @param batchSize the most rows a relay publishes in one batch
 * @param pollInterval how long a polling relay waits for a notification before it looks anyway
 * @param maxAttempts after this many attempts Kafka refused for the record itself, a row is parked
 * @param retention published rows older than this are deleted
 * @param retentionEvery how often a relay runs the retention job
 * @throws IllegalArgumentException when a number is not positive
 */
public record OutboxSettings(
    int relays,
    int batchSize,
    Duration pollInterval,
    int maxAttempts,
    Duration retention,
    Duration retentionEvery) {

  public OutboxSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(retentionEvery, "retentionEvery");
    if (relays < 1 || batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "relays, batchSize and maxAttempts must be 1 or more: "
              + relays
              + ", "
              + batchSize
              + ", "
              + maxAttempts);
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || retentionEvery.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
  }

  /**
   * One relay, batches of 1,000, a 200 ms polling fallback, parking after 3 refusals, published
   * rows kept for an hour and the retention job run every minute.
   */
  public static OutboxSettings defaults() {
    return new OutboxSettings(
        1, 1000, Duration.ofMillis(200), 3, Duration.ofHours(1), Duration.ofMinutes(1));
  }

  public OutboxSettings withRelays(int relays) {
    return new OutboxSettings(
        relays, batchSize, pollInterval, maxAttempts, retention, retentionEvery);
  }

  public OutboxSettings withBatchSize(int batchSize) {
    return new OutboxSettings(
        relays, batchSize, pollInterval, maxAttempts, retention, retentionEvery);
  }

  public OutboxSettings withPollInterval(Duration pollInterval) {
    return new OutboxSettings(
        relays, batchSize, pollInterval, maxAttempts, retention, retentionEvery);
  }

  public OutboxSettings withMaxAttempts(int maxAttempts) {
    return new OutboxSettings(
        relays, batchSize, pollInterval, maxAttempts, retention, retentionEvery);
  }

  public OutboxSettings withRetention(Duration retention, Duration every) {
    return new OutboxSettings(relays, batchSize, pollInterval, maxAttempts, retention, every);
  }
}
