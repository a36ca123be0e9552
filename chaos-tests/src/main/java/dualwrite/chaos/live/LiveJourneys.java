package dualwrite.chaos.live;

import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.FlowDiagram;
import dualwrite.chaos.report.Journey;
import dualwrite.chaos.report.Journeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Transactions' journeys as the live page shows them, drawn by the report's own {@link
 * FlowDiagram}: the last few while the session runs, newest first; after the check, every one an
 * anomaly hit (up to a limit) and a few that went well.
 */
final class LiveJourneys {

  static final int ANOMALOUS_SHOWN = 40;

  private LiveJourneys() {}

  /** The journeys of these transactions so far (the history holds only theirs), newest first. */
  static String html(List<Op> ops, Truth truth, boolean relayPublishes, Instant startedAt) {
    List<Journey> newestFirst =
        new ArrayList<>(Journeys.of(ops, truth, null, relayPublishes, startedAt));
    Collections.reverse(newestFirst);
    return figures(newestFirst);
  }

  /** A checked session's journeys: the anomalous ones, then three that went well. */
  static String checked(
      List<Op> ops, Truth truth, Verdict verdict, boolean relayPublishes, Instant startedAt) {
    List<Journey> all = Journeys.of(ops, truth, verdict, relayPublishes, startedAt);
    return figures(Journeys.select(all, 3, ANOMALOUS_SHOWN));
  }

  private static String figures(List<Journey> journeys) {
    return journeys.stream()
        .map(
            journey ->
                "<figure class=\"journey\"><div class=\"caption\"><span class=\"mono\">"
                    + journey.transactionId()
                    + "</span> "
                    + FlowDiagram.escape(journey.request() == null ? "" : journey.request())
                    + "</div>"
                    + FlowDiagram.svg(journey)
                    + "</figure>")
        .collect(Collectors.joining("\n"));
  }
}
