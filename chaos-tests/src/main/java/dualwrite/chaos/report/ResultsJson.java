package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * results.json: every run, for a program to read. Each run has its strategy, variant, scenario,
 * origin and seed, its verdict ({@code valid}, {@code invalid}, {@code unknown} or {@code
 * vacuous}), its availability (the share of requests answered ok, 0 to 1) and its delay after
 * healing in milliseconds (both as {@link dualwrite.chaos.checker.Verdict} defines them, null when
 * not measured), the count of each anomaly found, the lag quantiles in milliseconds, how long it
 * took, and where its folder (relative to the runs directory) and its page (relative to the report)
 * are.
 */
final class ResultsJson {

  static final int SCHEMA = 1;

  private ResultsJson() {}

  record File(
      int schema,
      Instant generatedAt,
      String runsDir,
      List<Run> runs,
      List<RunFolders.Skipped> skipped) {}

  record Run(
      String strategy,
      String variant,
      String scenario,
      String origin,
      long seed,
      String runId,
      Instant startedAt,
      String verdict,
      Double availability,
      Long delayAfterHealMs,
      Map<String, Integer> anomalies,
      Verdict.Lag lag,
      Verdict.Quantiles recordingMs,
      long tookMillis,
      boolean settled,
      boolean latest,
      String folder,
      String page) {}

  /**
   * @param latest the runs the matrix shows, marked {@code latest}
   */
  static void write(
      Path file,
      Instant generatedAt,
      String runsDir,
      List<RunSummary> runs,
      List<RunSummary> latest,
      List<RunFolders.Skipped> skipped) {
    List<Run> entries =
        runs.stream()
            .map(
                r ->
                    new Run(
                        r.strategy(),
                        r.variant(),
                        r.scenario(),
                        r.origin(),
                        r.seed(),
                        r.runId(),
                        r.startedAt(),
                        r.word(),
                        r.tradeOff().availability(),
                        r.tradeOff().delayAfterHealMs(),
                        r.anomalies(),
                        r.lag(),
                        r.recording(),
                        r.tookMillis(),
                        r.settled(),
                        latest.contains(r),
                        r.folder(),
                        r.page()))
            .toList();
    try {
      RunFolder.JSON.writeValue(
          file.toFile(), new File(SCHEMA, generatedAt, runsDir, entries, skipped));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
