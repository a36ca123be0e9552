package dualwrite.chaos.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dualwrite.chaos.bench.BenchResults;
import dualwrite.chaos.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's figures as the report shows them, read from the {@code bench.json} that {@code
 * ./lab bench} writes ({@link BenchResults}). Any figure may be null: the report shows what there
 * is.
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
   * The first bench.json found beside the runs directories, in their order: in a directory, else in
   * its parent; empty when none has one.
   *
   * @throws UncheckedIOException when the file is there but unreadable
   */
  static Optional<Bench> near(List<Path> runsDirs) {
    for (Path runs : runsDirs) {
      Path parent = runs.toAbsolutePath().getParent();
      for (Path candidate :
          parent == null
              ? List.of(runs.resolve(FILE))
              : List.of(runs.resolve(FILE), parent.resolve(FILE))) {
        if (Files.isRegularFile(candidate)) {
          return Optional.of(read(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /** Reads what {@code ./lab bench} wrote ({@link BenchResults}) into the report's view of it. */
  static Bench read(Path file) {
    try {
      return from(
          RunFolder.JSON
              .copy()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(file.toFile(), BenchResults.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark's figures in " + file, e);
    }
  }

  /**
   * The report's view: the baseline is the bank's own transaction with no event (what a strategy
   * adds its cost to); the bare single-row insert is named in the environment phrase.
   */
  static Bench from(BenchResults results) {
    BenchResults.Throughput ledger =
        results.ledgerBaseline() != null ? results.ledgerBaseline() : results.baseline();
    String environment =
        (results.machine() == null ? "" : results.machine() + ", ")
            + results.threads()
            + " client threads"
            + (results.baseline() == null
                ? ""
                : String.format(
                    "; a bare single-row insert and commit: %,.0f tx/s",
                    results.baseline().perSecond()));
    List<Measured> variants = new ArrayList<>();
    Double steadyRate = null;
    for (BenchResults.VariantFigures figures : results.variants()) {
      String[] name = figures.variant().split("/", 2);
      steadyRate = (double) figures.steadyRate();
      variants.add(
          new Measured(
              name[0],
              name.length > 1 ? name[1] : "",
              recording(figures.recording()),
              figures.drainPerSecond(),
              new Lag(figures.lagP50(), figures.lagP99())));
    }
    return new Bench(
        1,
        results.at() == null ? null : results.at().toString(),
        environment,
        steadyRate,
        recording(ledger),
        variants);
  }

  private static Recording recording(BenchResults.Throughput throughput) {
    return throughput == null
        ? null
        : new Recording(throughput.perSecond(), throughput.p50(), throughput.p99());
  }
}
