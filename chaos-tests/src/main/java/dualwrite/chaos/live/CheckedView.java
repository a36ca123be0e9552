package dualwrite.chaos.live;

import dualwrite.chaos.checker.FaultOutcome;
import java.util.List;
import java.util.Map;

/** A checked session's verdict, with what the page needs to show it and replay it. */
public record CheckedView(
    String word,
    String summary,
    String reason,
    List<AnomalyView> anomalies,
    List<FaultOutcome> faults,
    List<String> notes,
    Map<String, Long> counts,
    String folder,
    String replay,
    String journeys) {}
