package dualwrite.chaos.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One transaction's way through the system, as a sequence diagram tells it: the messages between
 * the client, the bank, PostgreSQL, the relay, Kafka and the fraud service, in time order, and
 * where it stopped.
 *
 * @param transactionId the transaction
 * @param request what the client asked for, or null when no client asked (a phantom nobody asked
 *     for)
 * @param hops the messages, in time order
 * @param anomalies the labels of the anomalies the verdict found in it ({@code lost}, {@code
 *     processed-twice}, ...); empty when none, and always empty in a live view
 * @param stop where it stopped, in plain words: {@code lost: committed at 1.234 s, never on the
 *     topic}, {@code delivered and checked once}, {@code on the topic, not yet checked}
 * @param stoppedAt the last lane the transaction's event reached: the bank when it never committed,
 *     PostgreSQL when it committed but never reached the topic, Kafka when nobody checked it, the
 *     fraud service when it was checked
 */
public record Journey(
    UUID transactionId,
    String request,
    List<Hop> hops,
    List<String> anomalies,
    String stop,
    Lane stoppedAt) {

  public Journey {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(stoppedAt, "stoppedAt");
    hops = List.copyOf(hops);
    anomalies = List.copyOf(anomalies);
    if (stop == null || stop.isBlank()) {
      throw new IllegalArgumentException("a journey says where it stopped");
    }
  }

  /** True when the verdict found an anomaly in it. */
  @JsonIgnore
  public boolean anomalous() {
    return !anomalies.isEmpty();
  }

  /** The six columns of the diagram, left to right. */
  public enum Lane {
    CLIENT("client"),
    BANK("bank"),
    POSTGRESQL("PostgreSQL"),
    RELAY("relay"),
    KAFKA("Kafka"),
    FRAUD("fraud service");

    private final String label;

    Lane(String label) {
      this.label = label;
    }

    /** The lane's name as the diagram's header shows it. */
    @JsonValue
    public String label() {
      return label;
    }
  }

  /** What kind of message a hop is, which gives it its colour. */
  public enum Tone {
    /** The client's request. */
    REQUEST,
    /** The commit in PostgreSQL. */
    COMMIT,
    /** A record on its way to the topic, or the relay reading it. */
    PUBLISH,
    /** A fraud check. */
    CHECK,
    /** The client was told ok. */
    OK,
    /** The client was told it failed. */
    FAIL,
    /** The client was told nothing it could use (info: a timeout, a reset). */
    INFO,
    /** A record or a check more than the one there should be. */
    EXTRA;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One message of a journey: an arrow from one lane to another.
   *
   * @param label what it carried: {@code commit}, {@code publish, offset 17}, {@code ok}
   * @param atSeconds when, in seconds since the run started
   */
  public record Hop(Lane from, Lane to, String label, double atSeconds, Tone tone) {

    public Hop {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(tone, "tone");
      if (from == to) {
        throw new IllegalArgumentException("a hop goes from one lane to another, not to " + to);
      }
      if (!Double.isFinite(atSeconds)) {
        throw new IllegalArgumentException("a hop happens at a time, not at " + atSeconds);
      }
    }
  }
}
