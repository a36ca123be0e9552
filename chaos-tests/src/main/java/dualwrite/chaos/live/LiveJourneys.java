package dualwrite.chaos.live;

import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import java.time.Instant;
import java.util.List;

/** The journeys of the last few transactions, as the live page shows them. */
final class LiveJourneys {

  private LiveJourneys() {}

  static String html(List<Op> ops, Truth truth, boolean relayPublishes, Instant startedAt) {
    return "";
  }

  static String checked(
      List<Op> ops, Truth truth, Verdict verdict, boolean relayPublishes, Instant startedAt) {
    return "";
  }
}
