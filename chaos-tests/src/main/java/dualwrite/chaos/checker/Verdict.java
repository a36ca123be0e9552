package dualwrite.chaos.checker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The checker's answer: valid, invalid, unknown or vacuous, the anomalies with the transactions
 * they hit, the counts, the delivery lag, whether each fault landed, and the two figures of the
 * trade-off between refusing customers and delaying events: availability and the delay after
 * healing.
 *
 * @param valid whether the run kept every promise
 * @param anomalies for every kind (see {@link Anomaly}), the transaction ids it hit, maybe none
 * @param counts operations, commits, records and checks, and the anomalies' hits (see {@link
 *     Counts})
 * @param lag how long events took to get through
 * @param unresolved the operations whose outcome the client never learnt, and what the truth says
 * @param reason why the verdict is unknown or vacuous, or null
 * @param faults every fault of the run, landed or missed, in the order the nemesis made them
 * @param notes what else the checker saw that a reader needs to understand the anomalies, such as
 *     lost events that the fraud service had checked before Kafka lost them
 * @param availability the share of the clients' requests (their {@code record} operations in the
 *     history) that got {@code ok}, from 0 to 1: a request answered {@code fail} or {@code info},
 *     or never answered, was not served, whatever the truth says about it. Null when the run made
 *     no request, or for a verdict written before the lab measured it.
 * @param delayAfterHealMs how long the fraud service was kept waiting once the faults were over, in
 *     milliseconds: for every committed transaction that was checked, the time from the heal (or
 *     from its commit, if it committed later) to its first fraud check; the longest of these. The
 *     heal is when the last fault that landed ended, as the history tells it (its heal, restart or
 *     start step), not the final heal-everything that {@link Lag#afterHealMs()} counts from. Lost
 *     and unchecked transactions are not in it: they never got through (the anomalies count them).
 *     Null when nothing was broken (no fault landed), when no committed transaction was checked, or
 *     for a verdict written before the lab measured it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"valid", "availability", "delayAfterHealMs"})
public record Verdict(
    Validity valid,
    Map<String, List<UUID>> anomalies,
    Counts counts,
    Lag lag,
    List<Unresolved> unresolved,
    String reason,
    List<FaultOutcome> faults,
    List<String> notes,
    Double availability,
    Long delayAfterHealMs) {

  /** A verdict without the trade-off's figures, as verdicts were before the lab measured them. */
  public Verdict(
      Validity valid,
      Map<String, List<UUID>> anomalies,
      Counts counts,
      Lag lag,
      List<Unresolved> unresolved,
      String reason,
      List<FaultOutcome> faults,
      List<String> notes) {
    this(valid, anomalies, counts, lag, unresolved, reason, faults, notes, null, null);
  }

  /** A verdict with nothing to note. */
  public Verdict(
      Validity valid,
      Map<String, List<UUID>> anomalies,
      Counts counts,
      Lag lag,
      List<Unresolved> unresolved,
      String reason,
      List<FaultOutcome> faults) {
    this(valid, anomalies, counts, lag, unresolved, reason, faults, List.of(), null, null);
  }

  /**
   * Valid, invalid, unknown or vacuous; written as {@code true}, {@code false}, {@code "unknown"}
   * and {@code "vacuous"}.
   */
  public enum Validity {
    /**
     * Every promise kept, and the run's faults (if any) landed: evidence that the variant holds.
     */
    VALID,
    /** A promise broken: the anomalies say which, and the transactions they hit. */
    INVALID,
    /** The checker could not decide: the truth could not be read, or the run did not settle. */
    UNKNOWN,
    /**
     * Every promise kept, but none of the run's faults landed: it proves nothing, and is never
     * counted as held.
     */
    VACUOUS;

    @JsonValue
    public Object json() {
      return switch (this) {
        case VALID -> Boolean.TRUE;
        case INVALID -> Boolean.FALSE;
        default -> label();
      };
    }

    @JsonCreator
    public static Validity fromJson(Object json) {
      if (Boolean.TRUE.equals(json)) {
        return VALID;
      }
      if (Boolean.FALSE.equals(json)) {
        return INVALID;
      }
      return "vacuous".equals(json) ? VACUOUS : UNKNOWN;
    }

    /** {@code valid}, {@code invalid}, {@code unknown} or {@code vacuous}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A request whose outcome its client never learnt, and what the truth says.
   *
   * @param answered true when the client got an answer that said nothing (info: a timeout, a reset
   *     while committing); false when it got no answer at all before the run ended
   */
  public record Unresolved(UUID transactionId, boolean committed, boolean answered) {

    /** A request answered with info. */
    public Unresolved(UUID transactionId, boolean committed) {
      this(transactionId, committed, true);
    }
  }

  /**
   * Delivery lag in milliseconds.
   *
   * @param commitToPublish from the commit to the first record on the topic
   * @param commitToCheck from the commit to the fraud check
   * @param afterHealMs the longest wait, counted from the heal (or the commit, if later), until a
   *     transaction was checked; null when nothing was broken. The heal here is the final
   *     heal-everything, after the scenario's last step, from which the delivery bound (and so
   *     {@code late}) counts; {@link Verdict#delayAfterHealMs()} is the same wait counted from the
   *     end of the last fault that landed.
   */
  public record Lag(Quantiles commitToPublish, Quantiles commitToCheck, Long afterHealMs) {}

  /** A few quantiles of a set of durations, in milliseconds. */
  public record Quantiles(long count, double p50, double p99, double max) {
    public static final Quantiles NONE = new Quantiles(0, 0, 0, 0);

    /** The quantiles of durations in milliseconds, from an HdrHistogram at microsecond grain. */
    public static Quantiles of(List<Double> millis) {
      if (millis.isEmpty()) {
        return NONE;
      }
      Histogram histogram = new Histogram(3);
      millis.forEach(ms -> histogram.recordValue(Math.round(ms * 1000)));
      return new Quantiles(
          histogram.getTotalCount(),
          histogram.getValueAtPercentile(50) / 1000.0,
          histogram.getValueAtPercentile(99) / 1000.0,
          histogram.getMaxValue() / 1000.0);
    }
  }

  public Verdict {
    anomalies = anomalies == null ? Map.of() : new LinkedHashMap<>(anomalies);
    counts = counts == null ? Counts.NONE : counts;
    unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
    faults = faults == null ? List.of() : List.copyOf(faults);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The verdict of a checker that could not read the truth. */
  public static Verdict unknown(String reason) {
    return new Verdict(Validity.UNKNOWN, Map.of(), Counts.NONE, null, List.of(), reason, List.of());
  }

  /** The same verdict made unknown: what was counted stays for a reader, but it claims nothing. */
  public Verdict asUnknown(String why) {
    return new Verdict(
        Validity.UNKNOWN,
        Map.of(),
        counts,
        lag,
        unresolved,
        why,
        faults,
        notes,
        availability,
        delayAfterHealMs);
  }

  /** The same verdict with the trade-off's two figures (see the record's parameters). */
  public Verdict withTradeOff(Double availability, Long delayAfterHealMs) {
    return new Verdict(
        valid,
        anomalies,
        counts,
        lag,
        unresolved,
        reason,
        faults,
        notes,
        availability,
        delayAfterHealMs);
  }

  /**
   * True when the only promise broken is {@code lost} and the checker laid it at Kafka's door: the
   * run turned unclean leader election on (see {@link Checker#KAFKA_BROKE_ITS_PROMISE}).
   */
  @JsonIgnore
  public boolean kafkaBrokeItsPromise() {
    return valid == Validity.INVALID
        && found().stream().filter(Anomaly::invalidates).toList().equals(List.of(Anomaly.LOST))
        && notes.stream().anyMatch(note -> note.startsWith(Checker.KAFKA_BROKE_ITS_PROMISE));
  }

  /** The faults that landed. */
  public List<FaultOutcome> landed() {
    return faults.stream().filter(FaultOutcome::landed).toList();
  }

  /** The transactions an anomaly hit (empty when none). */
  public List<UUID> of(Anomaly anomaly) {
    return anomalies.getOrDefault(anomaly.label(), List.of());
  }

  /** The anomaly kinds that hit at least one transaction. */
  public List<Anomaly> found() {
    return Arrays.stream(Anomaly.values()).filter(a -> !of(a).isEmpty()).toList();
  }

  /**
   * One line, for progress bars and logs: {@code invalid: lost 3, failed-but-committed 1}, {@code
   * vacuous: none of its 2 faults landed}.
   */
  public String summary() {
    String word = valid.label();
    if (valid == Validity.UNKNOWN || valid == Validity.VACUOUS) {
      return word + ": " + reason;
    }
    List<String> parts = anomalyCounts();
    return parts.isEmpty() ? word : word + ": " + String.join(", ", parts);
  }

  /** {@code lost 3}, {@code failed-but-committed 1}: each anomaly found and how often it hit. */
  public List<String> anomalyCounts() {
    return found().stream().map(a -> a.label() + " " + of(a).size()).toList();
  }
}
