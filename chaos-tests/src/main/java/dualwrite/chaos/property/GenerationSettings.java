package dualwrite.chaos.property;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * @param seed the seed the scenarios come from
 * @param count how many to run
 * @param only the one scenario to run, or null for all
 * @param shrinkBudget how long a shrink may take
 * @param shard the slice of the {@code count} scenarios this machine runs
 */
public record GenerationSettings(
    long seed, int count, Integer only, Duration shrinkBudget, Shard shard) {

  /** Every one of the {@code count} scenarios, on this machine. */
  public GenerationSettings(long seed, int count, Integer only, Duration shrinkBudget) {
    this(seed, count, only, shrinkBudget, Shard.ALL);
  }

  /**
   * From the system properties {@code lab.seed} ({@code 123}, {@code 123:17}, or {@code random}),
   * {@code lab.scenarios}, {@code lab.shrink.seconds} and {@code lab.shard} ({@code K/N}: the K-th
   * of N slices, for N machines that share one seed).
   *
   * @throws IllegalArgumentException for a value that is not a number, a shard that is not K/N, or
   *     a shard with a random seed (the machines would not share the scenarios)
   */
  public static GenerationSettings fromSystemProperties(int defaultCount) {
    String seedText = System.getProperty("lab.seed", "").trim();
    long seed = GeneratedRuns.DEFAULT_SEED;
    Integer only = null;
    if (seedText.equals("random")) {
      seed = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    } else if (!seedText.isEmpty()) {
      String[] parts = seedText.split(":", 2);
      seed = Long.parseLong(parts[0]);
      only = parts.length == 2 ? Integer.valueOf(parts[1]) : null;
    }
    int count =
        Integer.parseInt(System.getProperty("lab.scenarios", Integer.toString(defaultCount)));
    Duration budget =
        Duration.ofSeconds(Long.parseLong(System.getProperty("lab.shrink.seconds", "180")));
    String shardText = System.getProperty("lab.shard", "").trim();
    Shard shard = shardText.isEmpty() ? Shard.ALL : Shard.parse(shardText);
    if (!shard.whole() && seedText.equals("random")) {
      throw new IllegalArgumentException(
          "-Dlab.shard="
              + shard
              + " needs one seed shared by every shard, such as -Dlab.seed=$CI_PIPELINE_ID;"
              + " with -Dlab.seed=random each machine would draw scenarios of its own");
    }
    return new GenerationSettings(seed, count, only, budget, shard);
  }
}
