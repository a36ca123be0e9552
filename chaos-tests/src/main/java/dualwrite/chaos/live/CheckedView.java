package dualwrite.chaos.live;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.report.VerdictInWords;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A checked session's verdict, with what the page needs to show it and replay it. */
public record CheckedView(
    String word,
    String summary,
    String reason,
    List<AnomalyView> anomalies,
    List<FaultOutcome> faults,
    List<String> notes,
    Counts counts,
    String folder,
    String replay,
    String journeys) {

  private static final Logger log = LoggerFactory.getLogger(CheckedView.class);

  /** The view of a checked session's run. */
  static CheckedView of(RunResult result, LiveSession checked) {
    Verdict v = result.verdict();
    VerdictInWords words = VerdictInWords.of(v);
    List<AnomalyView> anomalies = new ArrayList<>();
    for (VerdictInWords.Hit hit : words.anomalies()) {
      Anomaly anomaly = hit.anomaly();
      anomalies.add(
          new AnomalyView(
              anomaly.label(), anomaly.meaning(), anomaly.invalidates(), hit.transactions()));
    }
    Truth truth = null;
    try {
      truth = RunFolder.readTruth(result.folder());
    } catch (RuntimeException e) {
      log.debug("no truth in {}", result.folder(), e);
    }
    String folder = result.folder().toAbsolutePath().normalize().toString();
    return new CheckedView(
        words.word(),
        words.summary(),
        v.reason(),
        anomalies,
        words.faults(),
        words.notes(),
        v.counts(),
        folder,
        "./lab replay " + folder,
        LiveJourneys.checked(
            result.history(),
            truth,
            v,
            !checked.choice().strategy().name().equals("naive"),
            checked.startedAt()));
  }
}
