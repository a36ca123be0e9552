package dualwrite.chaos.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's figures, read from {@code bench.json} (its schema is in the package's javadoc).
 * Any figure may be null: the report shows what there is.
 *
 * @param schema 1
 * @param generatedAt when the benchmark ran, as ISO-8601 text
 * @param environment where it ran, in a phrase
 * @param steadyRatePerSecond the request rate the end-to-end lag was measured at
 * @param baseline the bank recording transactions alone, with no event at all
 * @param variants one entry per strategy variant measured
 */
record Bench(
    int schema,
    String generatedAt,
    String environment,
    Double steadyRatePerSecond,
    Recording baseline,
    List<Measured> variants) {

  static final String FILE = "bench.json";

  /** How fast the bank records: the most transactions a second, and its latency. */
  record Recording(Double throughputPerSecond, Double p50Ms, Double p99Ms) {}

  /** Commit to fraud check at the steady rate. */
  record Lag(Double p50Ms, Double p99Ms) {}

  /**
   * @param relayDrainPerSecond how fast the relay empties a backlog; null without a relay
   */
  record Measured(
      String strategy,
      String variant,
      Recording recording,
      Double relayDrainPerSecond,
      Lag endToEndLag) {}

  Bench {
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  /**
   * The bench.json in {@code runs}, else in its parent; empty when neither has one.
   *
   * @throws UncheckedIOException when the file is there but unreadable
   */
  static Optional<Bench> near(Path runs) {
    Path parent = runs.toAbsolutePath().getParent();
    for (Path candidate :
        parent == null
            ? List.of(runs.resolve(FILE))
            : List.of(runs.resolve(FILE), parent.resolve(FILE))) {
      if (Files.isRegularFile(candidate)) {
        return Optional.of(read(candidate));
      }
    }
    return Optional.empty();
  }

  static Bench read(Path file) {
    try {
      return new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), Bench.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark's figures in " + file, e);
    }
  }
}
