package dualwrite.bank;

import java.util.Objects;

/**
 * The run's names for its topics. Each run has its own, so runs that share a broker see no trace of
 * each other.
 *
 * @param events where {@code TransactionRecorded} events go ({@code transactions.recorded...})
 * @param deadLetters where the fraud service parks records it cannot read, with the reason
 */
public record Topics(String events, String deadLetters) {

  public static final String EVENTS = "transactions.recorded";

  public Topics {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }

  /** {@code transactions.recorded.<suffix>} and its dead-letter topic. */
  public static Topics forRun(String suffix) {
    String events = EVENTS + "." + suffix;
    return new Topics(events, events + ".dlt");
  }
}
