package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunFolder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Verdicts, numbers and links written the way a workshop attendee reads them. */
final class Plain {

  private Plain() {}

  /**
   * A verdict in sentences: what held, what broke and how often, what the clients could not know.
   */
  static List<String> explain(Verdict verdict, RunFolder.RunInfo info) {
    List<String> sentences = new ArrayList<>();
    long committed = verdict.counts().committed();
    long checks = verdict.counts().fraudChecks();
    switch (verdict.valid()) {
      case UNKNOWN ->
          sentences.add(
              "The checker could not decide: "
                  + verdict.reason()
                  + ". Nothing can be said about this run.");
      case VACUOUS ->
          sentences.add(
              "Every promise held, but "
                  + verdict.reason()
                  + ": nothing was broken while the system was doing the work the faults target,"
                  + " so this run proves nothing. It is never counted as held.");
      case VALID ->
          sentences.add(
              "Every promise held. "
                  + transactions(committed)
                  + " committed, each published and checked for fraud exactly once, nothing published"
                  + " that was not committed, and every account's events kept their order.");
      case INVALID -> {
        sentences.add(
            "Promises broke. "
                + transactions(committed)
                + " committed and the fraud service made "
                + checks
                + (checks == 1 ? " check" : " checks")
                + ", but:");
        for (Anomaly anomaly : verdict.found()) {
          int hit = verdict.of(anomaly).size();
          sentences.add(
              hit
                  + (hit == 1 ? " transaction was " : " transactions were ")
                  + anomaly.label()
                  + ": "
                  + anomaly.meaning()
                  + (anomaly.invalidates() ? "." : ". This alone is allowed."));
        }
      }
    }
    if (verdict.valid() == Validity.VALID && !verdict.found().isEmpty()) {
      for (Anomaly anomaly : verdict.found()) {
        int hit = verdict.of(anomaly).size();
        sentences.add(
            hit
                + (hit == 1 ? " transaction was " : " transactions were ")
                + anomaly.label()
                + " ("
                + anomaly.meaning()
                + "), which does not break a promise.");
      }
    }
    sentences.addAll(verdict.notes());
    if (!verdict.unresolved().isEmpty()) {
      long yes = verdict.unresolved().stream().filter(Verdict.Unresolved::committed).count();
      long no = verdict.unresolved().size() - yes;
      sentences.add(
          verdict.unresolved().size()
              + (verdict.unresolved().size() == 1 ? " client was" : " clients were")
              + " left not knowing whether their transaction committed (info). The truth: "
              + yes
              + " committed, "
              + no
              + " did not.");
    }
    if (info != null && !info.settled()) {
      sentences.add(
          "The system had not settled when the runner stopped waiting: events may still have been"
              + " on their way when the checker looked.");
    }
    return sentences;
  }

  private static String transactions(long n) {
    return n == 1 ? "1 transaction" : n + " transactions";
  }

  /** {@code 4.9 ms}, {@code 338 ms}, {@code 2.41 s}; a dash for nothing. */
  static String millis(Double ms) {
    if (ms == null || ms.isNaN()) {
      return "\u2014";
    }
    if (ms >= 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  /** A p50 and a p99 in one: {@code 6.7 / 39.1 ms}, {@code 57.0 ms / 1.20 s}. */
  static String pair(Double p50, Double p99) {
    String low = millis(p50);
    String high = millis(p99);
    if (low.endsWith(" ms") && high.endsWith(" ms")) {
      low = low.substring(0, low.length() - 3);
    }
    return low + " / " + high;
  }

  /** {@code 3.32 s}. */
  static String seconds(Double s) {
    return s == null ? "\u2014" : String.format(Locale.ROOT, "%.2f s", s);
  }

  /** {@code 1,234/s}; a dash for nothing. */
  static String rate(Double perSecond) {
    return perSecond == null ? "\u2014" : String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  /** The first block of a transaction id, enough to tell ids apart in a table. */
  static String shortId(UUID id) {
    return id == null ? "\u2014" : id.toString().substring(0, 8);
  }

  /**
   * The first line of {@code text}, cut to at most {@code max} characters with an ellipsis: an
   * error or a request short enough for a diagram's label.
   */
  static String shorten(String text, int max) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "\u2026";
  }

  /** A relative link from path segments, each percent-encoded. */
  static String href(String... segments) {
    List<String> encoded = new ArrayList<>();
    for (String segment : segments) {
      encoded.add(
          segment.equals("..")
              ? segment
              : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return String.join("/", encoded);
  }
}
