package dualwrite.chaos.report;

import java.util.List;

/** What the page of one run ({@code run.mustache}) shows. */
record RunView(
    String indexHref,
    String pair,
    String scenario,
    String runId,
    String startedAt,
    String took,
    String backend,
    String word,
    String tone,
    List<String> explanation,
    RunTradeOffView tradeOff,
    String description,
    String origin,
    Long seed,
    int clients,
    String variantDescription,
    String story,
    Colors colors,
    String timelineChart,
    List<WindowView> windows,
    List<CrashView> crashes,
    String progressChart,
    Totals totals,
    List<LagView> lag,
    String afterHeal,
    List<CountView> counts,
    List<FilterView> filters,
    List<FateView> anomalies,
    FlowsView flows,
    List<UnresolvedView> unresolved,
    List<FileView> files,
    List<OtherRunView> otherRuns,
    List<FaultView> faults) {

  boolean hasFaults() {
    return !faults.isEmpty();
  }

  boolean hasWindows() {
    return !windows.isEmpty();
  }

  boolean hasCrashes() {
    return !crashes.isEmpty();
  }

  boolean hasLag() {
    return !lag.isEmpty();
  }

  boolean hasAnomalies() {
    return !anomalies.isEmpty();
  }

  boolean hasUnresolved() {
    return !unresolved.isEmpty();
  }

  boolean hasOtherRuns() {
    return otherRuns.size() > 1;
  }
}
