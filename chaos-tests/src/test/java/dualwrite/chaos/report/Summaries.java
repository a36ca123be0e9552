package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Validity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Run summaries made by hand for the report's tests. */
final class Summaries {

  private Summaries() {}

  static RunSummary run(
      String pair,
      String scenario,
      String origin,
      String startedAt,
      Validity validity,
      Map<String, Integer> anomalies,
      int steps) {
    String[] parts = pair.split("/", 2);
    String runId = startedAt.replaceAll("[^0-9]", "");
    return new RunSummary(
        parts[0],
        parts[1],
        scenario,
        origin,
        0,
        runId,
        Instant.parse(startedAt),
        validity,
        anomalies,
        null,
        Quantiles.NONE,
        1000,
        true,
        steps,
        steps,
        pair + "/" + scenario + "/" + runId,
        "runs/" + pair + "/" + scenario + "/" + runId + ".html",
        validity.name().toLowerCase(java.util.Locale.ROOT),
        List.of(),
        null);
  }

  static RunSummary catalogue(String pair, String scenario, String startedAt, Validity validity) {
    return run(pair, scenario, "catalogue", startedAt, validity, Map.of(), 5);
  }
}
