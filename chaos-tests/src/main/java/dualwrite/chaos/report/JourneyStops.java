package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.Journey.Lane;
import java.util.List;
import java.util.Locale;

/**
 * Where a journey stopped, in plain words. After a run ({@code settled}) what did not happen never
 * did: {@code lost: committed at 1.234 s, never on the topic}; in a live view it has not happened
 * yet: {@code in the outbox (committed, not yet on the topic)}.
 */
final class JourneyStops {

  private JourneyStops() {}

  /** The last lane the transaction's event reached. */
  static Lane stoppedAt(JourneyFacts facts) {
    if (facts == null) {
      return Lane.BANK;
    }
    if (!facts.checks().isEmpty()) {
      return Lane.FRAUD;
    }
    if (!facts.records().isEmpty()) {
      return Lane.KAFKA;
    }
    return facts.committed() ? Lane.POSTGRESQL : Lane.BANK;
  }

  static String stop(
      Journeys.Asked asked,
      JourneyFacts facts,
      List<String> anomalies,
      boolean settled,
      boolean relayPublishes) {
    String where;
    if (facts == null) {
      where = "the truth is unknown; " + told(asked, settled);
    } else if (!facts.committed() && facts.records().isEmpty()) {
      where = notCommitted(asked, anomalies, settled);
    } else if (facts.records().isEmpty()) {
      where =
          settled
              ? tag(anomalies, Anomaly.LOST)
                  + "committed at "
                  + seconds(facts.committedAt())
                  + ", never on the topic"
              : (relayPublishes
                  ? "in the outbox (committed, not yet on the topic)"
                  : "committed, not yet on the topic");
    } else if (!facts.committed()) {
      int checks = facts.checks().size();
      where =
          tag(anomalies, Anomaly.PHANTOM)
              + "on the topic, "
              + (settled ? "never" : "not")
              + " committed"
              + (checks == 0 ? "" : ", checked " + times(checks));
    } else {
      where = delivered(facts, anomalies, settled);
    }
    return where + also(anomalies);
  }

  private static String notCommitted(
      Journeys.Asked asked, List<String> anomalies, boolean settled) {
    String never = settled ? "never" : "not";
    if (asked.invoke() == null) {
      return "never asked for, " + never + " committed";
    }
    if (asked.told() == null) {
      return settled ? "never answered, never committed" : "asked, not yet answered";
    }
    return switch (asked.told()) {
      case FAIL -> "refused, " + never + " committed";
      case INFO -> "unknown to its client, " + never + " committed";
      default ->
          tag(anomalies, Anomaly.OK_BUT_NOT_COMMITTED)
              + "told ok, "
              + (settled ? "never" : "not yet")
              + " committed";
    };
  }

  private static String delivered(JourneyFacts facts, List<String> anomalies, boolean settled) {
    int records = facts.records().size();
    int checks = facts.checks().size();
    if (checks == 0) {
      return settled
          ? tag(anomalies, Anomaly.UNCHECKED) + "on the topic, never checked"
          : "on the topic, not yet checked";
    }
    if (checks > 1) {
      return "checked " + times(checks) + (records > 1 ? ", from " + records + " records" : "");
    }
    if (records > 1) {
      return "on the topic " + times(records) + ", checked once";
    }
    return settled ? "delivered and checked once" : "checked";
  }

  private static String told(Journeys.Asked asked, boolean settled) {
    if (asked.invoke() == null) {
      return "no client asked for it";
    }
    Op.Type told = asked.told();
    if (told == null) {
      return settled ? "its client was never answered" : "its client waits for an answer";
    }
    return "its client was told " + (told == Op.Type.INFO ? "nothing certain" : told.label());
  }

  /** What the anomalies add that the words before did not say. */
  private static String also(List<String> anomalies) {
    StringBuilder also = new StringBuilder();
    if (anomalies.contains(Anomaly.FAILED_BUT_COMMITTED.label())) {
      also.append(", though its client was told it failed");
    }
    if (anomalies.contains(Anomaly.OUT_OF_ORDER.label())) {
      also.append(", after a later transaction of its account");
    }
    if (anomalies.contains(Anomaly.LATE.label())) {
      also.append(", checked late");
    }
    return also.toString();
  }

  private static String tag(List<String> anomalies, Anomaly anomaly) {
    return anomalies.contains(anomaly.label()) ? anomaly.label() + ": " : "";
  }

  private static String times(int n) {
    return switch (n) {
      case 1 -> "once";
      case 2 -> "twice";
      default -> n + " times";
    };
  }

  /** {@code 1.234 s}. */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }
}
