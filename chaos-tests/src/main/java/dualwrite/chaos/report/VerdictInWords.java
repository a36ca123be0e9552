package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A verdict in words: the one model of what a run's verdict tells a person, computed once from the
 * verdict (and the run's history, when there is one). The terminal ({@code ./lab run}, {@code
 * replay}, {@code explore}, {@code compare}), the run page, summary.md and the live lab each lay it
 * out their own way, but say nothing it does not.
 *
 * @param validity valid, invalid, unknown or vacuous
 * @param headline the verdict in one line: {@code INVALID: lost 3, failed-but-committed 1}
 * @param summary the same, short, lower case: {@code invalid: lost 3} (see {@link Verdict#summary})
 * @param transactions what happened to the transactions; null when the checker could not tell
 * @param anomalies each anomaly that hit a transaction, in {@link Anomaly} order
 * @param notes what else the checker saw that a reader needs to understand the anomalies
 * @param faults each fault of the run, landed or missed, with its evidence
 * @param unanswered the requests whose outcome the client never learnt; null when there was none
 * @param cost the trade-off: the customers refused and the events delayed
 * @param delivery {@code commit to fraud check p50 12 ms, p99 40 ms}; null when nothing was checked
 * @param settled false when the system had not settled when the runner stopped waiting
 */
public record VerdictInWords(
    Validity validity,
    String headline,
    String summary,
    Transactions transactions,
    List<Hit> anomalies,
    List<String> notes,
    List<FaultOutcome> faults,
    Unanswered unanswered,
    TradeOffInWords cost,
    String delivery,
    boolean settled) {

  /** How many of the transactions an anomaly hit are shown by id. */
  static final int EXAMPLES_SHOWN = 5;

  /**
   * What the clients asked and were told, and what the truth holds: {@code 7 requests: 4 ok, 2
   * failed, 1 unknown; 5 committed, 4 records on the topic, 4 fraud checks}.
   */
  public record Transactions(Counts counts) {

    public String line() {
      return String.format(
          Locale.ROOT,
          "%d requests: %d ok, %d failed, %d unknown; %d committed, %d records on the topic,"
              + " %d fraud checks",
          counts.invoked(),
          counts.ok(),
          counts.failed(),
          counts.info(),
          counts.committed(),
          counts.records(),
          counts.fraudChecks());
    }
  }

  /**
   * An anomaly that hit transactions, and a few of them with what their client was told.
   *
   * @param transactions every transaction it hit
   * @param examples the first few, each with what its client was told; none without a history
   */
  public record Hit(Anomaly anomaly, List<UUID> transactions, List<Example> examples) {

    /** {@code lost 3: committed in the database, never published}, {@code (allowed)} if so. */
    public String line() {
      return anomaly.label()
          + " "
          + transactions.size()
          + ": "
          + anomaly.meaning()
          + (anomaly.invalidates() ? "" : " (allowed)");
    }

    /** {@code 3 transactions were lost: committed in the database, never published.} */
    public String sentence() {
      int hit = transactions.size();
      return hit
          + (hit == 1 ? " transaction was " : " transactions were ")
          + anomaly.label()
          + ": "
          + anomaly.meaning()
          + (anomaly.invalidates() ? "." : ". This alone breaks no promise.");
    }

    /** How many of the transactions it hit are not among the examples. */
    public int more() {
      return transactions.size() - examples.size();
    }
  }

  /** A transaction an anomaly hit: {@code <id>: the client was told it failed}. */
  public record Example(UUID transactionId, String told) {

    public String line() {
      return transactionId + ": the client was " + told;
    }
  }

  /**
   * Requests whose outcome the client never learnt (answered info, or never answered), and what the
   * truth says of them.
   */
  public record Unanswered(long requests, long committed) {

    /** {@code 2 requests ended without an answer ...; the truth: 1 committed, 1 not}. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "%d %s without an answer the client could trust; the truth: %d committed, %d not",
          requests,
          requests == 1 ? "request ended" : "requests ended",
          committed,
          requests - committed);
    }
  }

  /** The words of a verdict whose run's history is unknown: its anomalies show no examples. */
  public static VerdictInWords of(Verdict verdict) {
    return of(verdict, List.of(), true);
  }

  /**
   * The words of a verdict.
   *
   * @param history the run's operations, to tell what the clients of the examples were told
   * @param settled whether the system had settled when the runner stopped waiting
   */
  public static VerdictInWords of(Verdict verdict, List<Op> history, boolean settled) {
    Map<UUID, Op.Type> outcomes = outcomes(history);
    List<Hit> hits = new ArrayList<>();
    for (Anomaly anomaly : verdict.found()) {
      List<UUID> ids = verdict.of(anomaly);
      List<Example> examples =
          history.isEmpty()
              ? List.of()
              : ids.stream()
                  .limit(EXAMPLES_SHOWN)
                  .map(id -> new Example(id, told(outcomes.get(id))))
                  .toList();
      hits.add(new Hit(anomaly, ids, examples));
    }
    return new VerdictInWords(
        verdict.valid(),
        headline(verdict),
        verdict.summary(),
        verdict.valid() == Validity.UNKNOWN ? null : new Transactions(verdict.counts()),
        hits,
        verdict.notes(),
        verdict.faults(),
        unanswered(verdict),
        TradeOffInWords.of(verdict),
        delivery(verdict.lag()),
        settled);
  }

  /** valid, invalid, unknown or vacuous. */
  public String word() {
    return validity.label();
  }

  /**
   * The verdict as prose, a sentence each: what held or broke, what happened to the transactions,
   * each anomaly, the notes, the requests left unanswered, and whether the run had settled.
   */
  public List<String> sentences() {
    List<String> sentences = new ArrayList<>();
    sentences.add(opening());
    if (transactions != null) {
      sentences.add(capitalised(transactions.line()) + ".");
    }
    anomalies.forEach(hit -> sentences.add(hit.sentence()));
    sentences.addAll(notes);
    if (unanswered != null) {
      sentences.add(capitalised(unanswered.line()) + ".");
    }
    if (!settled) {
      sentences.add(
          "The system had not settled when the runner stopped waiting: events may still have been"
              + " on their way when the checker looked.");
    }
    return sentences;
  }

  /** The headline as the first sentence of prose, with what it means for the run. */
  private String opening() {
    String said = headline.substring(headline.indexOf(':') + 2);
    return switch (validity) {
      case VALID -> "Every promise held: " + said;
      case INVALID -> "Promises broke: " + said + ".";
      case UNKNOWN -> capitalised(said) + ". Nothing can be said about this run.";
      case VACUOUS -> capitalised(said) + " It is never counted as held.";
    };
  }

  /**
   * A run's verdict for a Markdown table, from its validity and anomaly counts: {@code ✅ valid},
   * {@code ❌ lost 1}.
   */
  static String badge(Validity validity, List<String> anomalyCounts) {
    return switch (validity) {
      case VALID -> "✅ valid";
      case INVALID ->
          "❌ " + (anomalyCounts.isEmpty() ? "invalid" : String.join(", ", anomalyCounts));
      case UNKNOWN -> "❔ unknown";
      case VACUOUS -> "⚪ vacuous";
    };
  }

  private static String headline(Verdict verdict) {
    return switch (verdict.valid()) {
      case VALID ->
          "VALID: every committed transaction reached the fraud service once, in order, and no"
              + " event was invented.";
      case INVALID -> "INVALID: " + String.join(", ", verdict.anomalyCounts());
      case UNKNOWN -> "UNKNOWN: the checker could not tell (" + verdict.reason() + ")";
      case VACUOUS ->
          "VACUOUS: every promise held, but "
              + verdict.reason()
              + ", so this run proves nothing about them.";
    };
  }

  private static Unanswered unanswered(Verdict verdict) {
    List<Verdict.Unresolved> unresolved = verdict.unresolved();
    return unresolved.isEmpty()
        ? null
        : new Unanswered(
            unresolved.size(), unresolved.stream().filter(Verdict.Unresolved::committed).count());
  }

  private static String delivery(Verdict.Lag lag) {
    Quantiles check = lag == null ? null : lag.commitToCheck();
    return check == null || check.count() == 0
        ? null
        : String.format(
            Locale.ROOT,
            "commit to fraud check p50 %.0f ms, p99 %.0f ms",
            check.p50(),
            check.p99());
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

  /** What each client was last told, by transaction: its answer, or INVOKE while it waits. */
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

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
