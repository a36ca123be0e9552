package dualwrite.chaos.bench;

import java.time.Duration;

/**
 * @param threads client threads recording
 * @param warmUp recording before measuring
 * @param measure recording measured
 * @param backlog events in the backlog a relay drains
 * @param steadyRate transactions per second for the lag figures
 * @param steadyFor how long the steady rate lasts
 */
public record BenchSettings(
    int threads,
    Duration warmUp,
    Duration measure,
    int backlog,
    int steadyRate,
    Duration steadyFor) {

  public static final BenchSettings FULL =
      new BenchSettings(
          4, Duration.ofSeconds(2), Duration.ofSeconds(8), 100_000, 500, Duration.ofSeconds(10));

  public static final BenchSettings QUICK =
      new BenchSettings(
          4, Duration.ofSeconds(1), Duration.ofSeconds(3), 10_000, 500, Duration.ofSeconds(4));
}
