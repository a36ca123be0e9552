package dualwrite.chaos.cli;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.TradeOff;
import dualwrite.chaos.run.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;

/** A run's verdict in plain words, for a person at a terminal. */
final class Explanation {

  private static final int IDS_SHOWN = 5;

  private Explanation() {}

  static String of(RunResult result) {
    Verdict verdict = result.verdict();
    StringBuilder text = new StringBuilder();
    text.append(coloured(verdict.valid(), headline(verdict), CommandLine.Help.Ansi.AUTO))
        .append('\n');
    if (verdict.valid() != Validity.UNKNOWN) {
      Counts counts = verdict.counts();
      text.append(
          String.format(
              "  %d requests: %d ok, %d failed, %d unknown; %d committed, %d records on the topic,"
                  + " %d fraud checks%n",
              counts.invoked(),
              counts.ok(),
              counts.failed(),
              counts.info(),
              counts.committed(),
              counts.records(),
              counts.fraudChecks()));
    }
    Map<UUID, Op.Type> outcomes = outcomes(result.history());
    for (Anomaly anomaly : verdict.found()) {
      List<UUID> ids = verdict.of(anomaly);
      text.append(
          String.format(
              "  %s %d: %s%s%n",
              anomaly.label(),
              ids.size(),
              anomaly.meaning(),
              anomaly.invalidates() ? "" : " (allowed)"));
      for (UUID id : ids.subList(0, Math.min(IDS_SHOWN, ids.size()))) {
        Op.Type outcome = outcomes.get(id);
        text.append("    ")
            .append(id)
            .append(": the client was ")
            .append(told(outcome))
            .append('\n');
      }
      if (ids.size() > IDS_SHOWN) {
        text.append("    ... and ").append(ids.size() - IDS_SHOWN).append(" more\n");
      }
    }
    for (String note : verdict.notes()) {
      text.append("  note: ").append(note).append('\n');
    }
    for (FaultOutcome fault : verdict.faults()) {
      text.append("  ")
          .append(fault.landed() ? "landed " : "missed ")
          .append(fault.step())
          .append(": ")
          .append(fault.evidence())
          .append('\n');
    }
    long unresolved = verdict.unresolved().size();
    if (unresolved > 0) {
      long committed = verdict.unresolved().stream().filter(Verdict.Unresolved::committed).count();
      text.append(
          String.format(
              "  %d requests ended without an answer the client could trust; the truth: %d"
                  + " committed, %d not%n",
              unresolved, committed, unresolved - committed));
    }
    if (verdict.availability() != null) {
      // the trade-off: refuse the customer, or keep the event waiting
      TradeOff tradeOff = TradeOff.of(verdict);
      String fraud = tradeOff.fraudService();
      text.append("  customers: ")
          .append(tradeOff.customers())
          .append(fraud == null || fraud.equals("\u2014") ? "" : "; fraud service: " + fraud)
          .append('\n');
    }
    if (verdict.lag() != null && verdict.lag().commitToCheck().count() > 0) {
      text.append(
          String.format(
              "  delivery: commit to fraud check p50 %.0f ms, p99 %.0f ms%n",
              verdict.lag().commitToCheck().p50(), verdict.lag().commitToCheck().p99()));
    }
    return text.toString();
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

  static String headline(Verdict verdict) {
    return switch (verdict.valid()) {
      case VALID ->
          "VALID: every committed transaction reached the fraud service once, in order, and no"
              + " event was invented.";
      case INVALID -> "INVALID: " + verdict.summary().substring("invalid: ".length());
      case UNKNOWN -> "UNKNOWN: the checker could not tell (" + verdict.reason() + ")";
      case VACUOUS ->
          "VACUOUS: every promise held, but "
              + verdict.reason()
              + ", so this run proves nothing about them.";
    };
  }

  private static String told(Op.Type outcome) {
    if (outcome == null) {
      return "never asked for it (no such request)";
    }
    return switch (outcome) {
      case OK -> "told it was recorded";
      case FAIL -> "told it failed";
      case INFO -> "left not knowing (an error or timeout)";
      case INVOKE -> "still waiting";
    };
  }

  private static Map<UUID, Op.Type> outcomes(List<Op> history) {
    Map<UUID, Op.Type> outcomes = new HashMap<>();
    List<Op> completions = new ArrayList<>();
    for (Op op : history) {
      if (op.isClient() && op.transactionId() != null) {
        if (op.isCompletion()) {
          completions.add(op);
        } else {
          outcomes.putIfAbsent(op.transactionId(), Op.Type.INVOKE);
        }
      }
    }
    completions.forEach(op -> outcomes.put(op.transactionId(), op.type()));
    return outcomes;
  }
}
