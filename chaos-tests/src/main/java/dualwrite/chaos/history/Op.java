package dualwrite.chaos.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
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
    String error) {

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

  @JsonIgnore
  public boolean isClient() {
    return !NEMESIS.equals(process);
  }

  @JsonIgnore
  public boolean isCompletion() {
    return type != Type.INVOKE;
  }
}
