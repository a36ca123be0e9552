package dualwrite.chaos.property;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * @param seed the seed the scenarios come from
 * @param count how many to run
 * @param only the one scenario to run, or null for all
 * @param shrinkBudget how long a shrink may take
 */
public record GenerationSettings(long seed, int count, Integer only, Duration shrinkBudget) {

  /**
   * From the system properties {@code lab.seed} ({@code 123}, {@code 123:17}, or {@code random}),
   * {@code lab.scenarios} and {@code lab.shrink.seconds}.
   *
   * @throws IllegalArgumentException for a value that is not a number
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
    return new GenerationSettings(seed, count, only, budget);
  }
}
