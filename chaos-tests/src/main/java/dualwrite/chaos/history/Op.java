package dualwrite.chaos.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dualwrite.chaos.scenario.Step;
import java.util.Locale;
import java.util.UUID;

/**
 * One line of a history, in Jepsen's words: a process invokes an operation, and later the same
 * process completes it as ok (it happened), fail (it did not) or info (nobody knows).
 *
 * @param index position in the history
 * @param process {@code 0, 1, ...} for clients, {@code nemesis} for the nemesis
 * @param type invoke, ok, fail or info
 * @param f what was done: {@code record} for a client; the step's kind for the nemesis
 * @param value a description: the request for a client, the step's story for the nemesis
 * @param transactionId for a client's {@code record}: the transaction it asked for
 * @param timeNanos monotonic time since the run started
 * @param error for fail and info: what the client saw
 * @param step for the nemesis: the scenario step this operation belongs to, typed, so that a reader
 *     never parses {@code value} back; null for clients
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Op(
    long index,
    String process,
    Type type,
    String f,
    String value,
    UUID transactionId,
    long timeNanos,
    String error,
    Step step) {

  /** A client's operation, or a nemesis operation that belongs to no step. */
  public Op(
      long index,
      String process,
      Type type,
      String f,
      String value,
      UUID transactionId,
      long timeNanos,
      String error) {
    this(index, process, type, f, value, transactionId, timeNanos, error, null);
  }

  /** How an operation ended, or that it began. */
  public enum Type {
    INVOKE,
    OK,
    FAIL,
    INFO;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Type of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  public static final String NEMESIS = "nemesis";

  /** What an armed crash point did ({@code f} of a nemesis operation with the arming step). */
  public static final String CRASHED = "crashed";

  public static final String STALLED = "stalled";
  public static final String FAULT_FIRED = "fault-fired";

  /** An armed point that never fired: disarmed at the heal, or replaced by a later arm. */
  public static final String DISARMED = "disarmed";

  /** An await-armed step ran out of time with these points still armed. */
  public static final String STILL_ARMED = "still-armed";

  /** The final heal after a scenario's steps: it ends every fault still on. */
  public static final String HEAL_EVERYTHING = "heal-everything";

  /** A cluster step found which broker "the leader" is; the op's error field says which. */
  public static final String TARGETED = "targeted";

  /** An await-in-sync step gave up with replicas still behind; the op says which. */
  public static final String OUT_OF_SYNC = "out-of-sync";

  @JsonIgnore
  public boolean isClient() {
    return !NEMESIS.equals(process);
  }

  @JsonIgnore
  public boolean isCompletion() {
    return type != Type.INVOKE;
  }
}
