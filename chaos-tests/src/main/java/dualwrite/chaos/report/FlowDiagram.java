package dualwrite.chaos.report;

import dualwrite.chaos.report.Journey.Hop;
import dualwrite.chaos.report.Journey.Lane;
import dualwrite.chaos.report.Journey.Tone;
import java.util.List;
import java.util.Locale;

/**
 * A journey as a sequence diagram: the six lanes as columns, each hop an arrow going down in time
 * order with its time on the left, and at the bottom a mark on the lane where it stopped (a red
 * cross when an anomaly hit it, a tick when it was checked, a ring otherwise) and where it stopped
 * in words. The SVG stands alone: no script, no stylesheet, no font, nothing fetched; its colours
 * are the report's.
 */
public final class FlowDiagram {

  static final int WIDTH = 560;
  static final int ROW = 22;
  private static final int GUTTER = 64;
  private static final int LANE = (WIDTH - GUTTER) / Lane.values().length;
  private static final int TOP = 30;
  private static final double CHAR = 5.6;

  private static final String INK = "#263238";
  private static final String MUTED = "#607d8b";
  private static final String LINE = "#e0e4e8";
  private static final String RED = "#c62828";
  private static final String GREEN = "#2e7d32";

  private FlowDiagram() {}

  /** The diagram of {@code journey}, as an {@code <svg class="flow">} element to put in a page. */
  public static String svg(Journey journey) {
    List<Hop> hops = journey.hops();
    int markRow = TOP + hops.size() * ROW;
    int height = markRow + ROW + 24;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" data-tx=\"%s\""
                + " data-anomalies=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" font-family=\"system-ui, sans-serif\">",
            escape(journey.transactionId().toString()),
            escape(String.join(" ", journey.anomalies())),
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append("<title>")
        .append(escape(journey.transactionId() + ": " + journey.stop()))
        .append("</title>");
    lanes(svg, markRow + ROW);
    Double start = requestedAt(hops);
    for (int i = 0; i < hops.size(); i++) {
      hop(svg, hops.get(i), TOP + i * ROW + 15, start);
    }
    mark(svg, journey, markRow + 11);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"%d\" font-size=\"11.5\" font-weight=\"600\" fill=\"%s\">%s</text>",
            markRow + ROW + 14,
            journey.anomalous() ? RED : INK,
            escape(journey.stop())));
    return svg.append("</svg>").toString();
  }

  private static void lanes(StringBuilder svg, int bottom) {
    for (Lane lane : Lane.values()) {
      int x = x(lane);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"4\" width=\"%d\" height=\"18\" rx=\"4\" fill=\"#f3f5f6\""
                  + " stroke=\"%s\"/><text x=\"%d\" y=\"17\" font-size=\"11\" font-weight=\"600\""
                  + " text-anchor=\"middle\" fill=\"%s\">%s</text>"
                  + "<line x1=\"%d\" y1=\"22\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                  + " stroke-dasharray=\"3 3\"/>",
              x - LANE / 2 + 3,
              LANE - 6,
              LINE,
              x,
              INK,
              escape(lane.label()),
              x,
              x,
              bottom,
              LINE));
    }
  }

  private static void hop(StringBuilder svg, Hop hop, int y, Double start) {
    int from = x(hop.from());
    int to = x(hop.to());
    int direction = Integer.signum(to - from);
    String color = color(hop.tone());
    double width = hop.label().length() * CHAR;
    double middle = (from + to) / 2.0;
    double label = Math.max(GUTTER + width / 2 + 2, Math.min(WIDTH - width / 2 - 2, middle));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"/>"
                + "<polygon points=\"%d,%d %d,%.1f %d,%.1f\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\">"
                + "%s</text>",
            y + 3,
            MUTED,
            escape(time(hop.atSeconds(), start)),
            from + 2 * direction,
            y,
            to - 2 * direction,
            y,
            color,
            to - 2 * direction,
            y,
            to - 9 * direction,
            y - 3.5,
            to - 9 * direction,
            y + 3.5,
            color,
            label,
            y - 4,
            color,
            escape(hop.label())));
  }

  /** A red cross where an anomaly stopped it, a tick where it was checked, a ring elsewhere. */
  private static void mark(StringBuilder svg, Journey journey, int y) {
    int x = x(journey.stoppedAt());
    if (journey.anomalous()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<path class=\"stop\" d=\"M%d %dL%d %dM%d %dL%d %d\" stroke=\"%s\""
                  + " stroke-width=\"2.5\" stroke-linecap=\"round\"/>",
              x - 6,
              y - 6,
              x + 6,
              y + 6,
              x + 6,
              y - 6,
              x - 6,
              y + 6,
              RED));
    } else if (journey.stoppedAt() == Lane.FRAUD) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<path class=\"stop\" d=\"M%d %dL%d %dL%d %d\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"2.5\" stroke-linecap=\"round\"/>",
              x - 6,
              y,
              x - 2,
              y + 5,
              x + 7,
              y - 6,
              GREEN));
    } else {
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"stop\" cx=\"%d\" cy=\"%d\" r=\"5.5\" fill=\"#fff\" stroke=\"%s\""
                  + " stroke-width=\"2\"/>",
              x,
              y,
              MUTED));
    }
  }

  /** When the client asked, or null when no client did. */
  private static Double requestedAt(List<Hop> hops) {
    return hops.stream()
        .filter(h -> h.tone() == Tone.REQUEST)
        .map(Hop::atSeconds)
        .findFirst()
        .orElse(null);
  }

  /** {@code 1.23 s} for the request itself or without one, {@code +12.0 ms} after it. */
  static String time(double at, Double start) {
    if (start == null || at == start) {
      return Format.seconds(at);
    }
    double ms = (at - start) * 1000;
    return (ms < 0 ? "\u2212" : "+") + Format.millis(Math.abs(ms));
  }

  private static int x(Lane lane) {
    return GUTTER + LANE / 2 + lane.ordinal() * LANE;
  }

  /** The report's colours (see style.mustache and {@link Charts}) for each kind of hop. */
  private static String color(Tone tone) {
    return switch (tone) {
      case REQUEST -> "#455a64";
      case COMMIT -> "#1565c0";
      case PUBLISH -> "#8e24aa";
      case CHECK, OK -> GREEN;
      case FAIL, EXTRA -> RED;
      case INFO -> "#ef8f00";
    };
  }

  /** Text for XML, in an element or an attribute; characters XML cannot hold are dropped. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                  if (allowedInXml(c)) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  private static boolean allowedInXml(int c) {
    return c == '\t'
        || c == '\n'
        || (c >= 0x20 && c < 0xD800)
        || (c >= 0xE000 && c <= 0xFFFD)
        || c >= 0x10000;
  }
}
