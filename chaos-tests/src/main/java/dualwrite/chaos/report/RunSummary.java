package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Validity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report keeps of a run once its page is written: enough for the matrix, the summaries and
 * results.json, without its history or truth.
 *
 * @param origin {@code catalogue}, {@code generated} or {@code test}
 * @param anomalies for each anomaly that hit any transaction, how many, in {@link Anomaly} order
 * @param lag the checker's delivery lag, or null
 * @param recording how long the bank took to answer ok, from the history (count 0 when none)
 * @param steps the scenario's length, which orders counterexamples by size
 * @param folder the run folder relative to the runs directory
 * @param page the run's page relative to the report's folder
 * @param tradeOff the customers it refused and how long the fraud service waited after the heal
 */
record RunSummary(
    String strategy,
    String variant,
    String scenario,
    String origin,
    long seed,
    String runId,
    Instant startedAt,
    Validity validity,
    Map<String, Integer> anomalies,
    Verdict.Lag lag,
    Quantiles recording,
    long tookMillis,
    boolean settled,
    int steps,
    long records,
    String folder,
    String page,
    String summary,
    List<FaultOutcome> faults,
    TradeOff tradeOff) {

  RunSummary {
    anomalies = new LinkedHashMap<>(anomalies);
    faults = faults == null ? List.of() : List.copyOf(faults);
    tradeOff = tradeOff == null ? TradeOff.NONE : tradeOff;
  }

  static RunSummary of(RunFolders.Loaded run, Timeline timeline, String page) {
    Map<String, Integer> anomalies = new LinkedHashMap<>();
    for (Anomaly anomaly : run.verdict().found()) {
      anomalies.put(anomaly.label(), run.verdict().of(anomaly).size());
    }
    return new RunSummary(
        run.info().strategy(),
        run.info().variant(),
        run.scenario().name(),
        // a run with other options (a foil of a fraud consumer) shows something else
        // than the catalogue's scenario: it stays out of the matrix
        run.info().defaultOptions() ? run.scenario().origin() : "other-options",
        run.scenario().seed(),
        run.info().runId(),
        run.info().startedAt(),
        run.verdict().valid(),
        anomalies,
        run.verdict().lag(),
        timeline == null ? Quantiles.NONE : quantiles(timeline.okMillis()),
        run.info().tookMillis(),
        run.info().settled(),
        run.scenario().steps().size(),
        run.scenario().records(),
        run.relative(),
        page,
        run.verdict().summary(),
        run.verdict().faults(),
        TradeOff.of(run.verdict()));
  }

  /** {@code naive/db-then-kafka}. */
  String pair() {
    return strategy + "/" + variant;
  }

  /** valid, invalid, unknown or vacuous. */
  String word() {
    return validity.label();
  }

  /** {@code lost 1, failed-but-committed 2}; empty when nothing was found. */
  List<String> anomalyCounts() {
    return anomalies.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  boolean generated() {
    return "generated".equals(origin);
  }

  boolean catalogue() {
    return "catalogue".equals(origin);
  }

  /** Quantiles of durations in milliseconds, computed as the checker computes the lag's. */
  static Quantiles quantiles(List<Double> millis) {
    return Quantiles.of(millis);
  }
}
