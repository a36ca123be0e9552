package dualwrite.chaos.cli;

import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.report.VerdictInWords;
import dualwrite.chaos.run.RunResult;
import picocli.CommandLine;

/**
 * A run's verdict in plain words, for a person at a terminal: the lines of its {@link
 * VerdictInWords}, the headline in the report's colour for the verdict.
 */
final class Explanation {

  private Explanation() {}

  static String of(RunResult result) {
    return of(VerdictInWords.of(result.verdict(), result.history(), true));
  }

  /** The words of a verdict as lines for a terminal, the headline in its colour. */
  static String of(VerdictInWords words) {
    StringBuilder text = new StringBuilder();
    text.append(coloured(words.validity(), words.headline(), CommandLine.Help.Ansi.AUTO))
        .append('\n');
    if (words.transactions() != null) {
      line(text, words.transactions().line());
    }
    for (VerdictInWords.Hit hit : words.anomalies()) {
      line(text, hit.line());
      hit.examples().forEach(example -> line(text, "  " + example.line()));
      if (!hit.examples().isEmpty() && hit.more() > 0) {
        line(text, "  ... and " + hit.more() + " more");
      }
    }
    words.notes().forEach(note -> line(text, "note: " + note));
    for (FaultOutcome fault : words.faults()) {
      line(text, (fault.landed() ? "landed " : "missed ") + fault.step() + ": " + fault.evidence());
    }
    if (words.unanswered() != null) {
      line(text, words.unanswered().line());
    }
    if (words.cost().measured()) {
      line(text, words.cost().line());
    }
    if (words.delivery() != null) {
      line(text, "delivery: " + words.delivery());
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String line) {
    text.append("  ").append(line).append('\n');
  }

  /**
   * The headline in its verdict's colour, as the report has it (valid green, invalid red, vacuous
   * yellow, unknown grey), when the output is a terminal that shows colours; plain text otherwise,
   * so a log file or a pipe gets no escape codes.
   */
  static String coloured(Validity validity, String headline, CommandLine.Help.Ansi ansi) {
    String style =
        switch (validity) {
          case VALID -> "bold,fg(green)";
          case INVALID -> "bold,fg(red)";
          case VACUOUS -> "bold,fg(yellow)";
          case UNKNOWN -> "bold,faint";
        };
    int colon = headline.indexOf(':');
    String word = colon < 0 ? headline : headline.substring(0, colon);
    String rest = colon < 0 ? "" : headline.substring(colon);
    // picocli's markup: @|style text|@, rendered only when the terminal takes it
    return ansi.string("@|" + style + " " + escape(word) + "|@") + rest;
  }

  private static String escape(String text) {
    return text.replace("@|", "@ |").replace("|@", "| @");
  }
}
