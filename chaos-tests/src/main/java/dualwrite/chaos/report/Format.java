package dualwrite.chaos.report;

import java.util.Locale;
import java.util.UUID;

/**
 * Numbers, durations and ids written the way a workshop attendee reads them: {@code 338 ms}, {@code
 * 1,234/s}, the first block of an id; a dash for nothing.
 */
final class Format {

  private Format() {}

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
}
