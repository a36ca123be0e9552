package dualwrite.bank.spi;

import java.util.Objects;

/**
 * One way a strategy can be built.
 *
 * @param name short and stable: {@code db-then-kafka}, {@code polling}, {@code log-relay}
 * @param description one sentence a workshop attendee understands
 * @param fix true when it is meant to keep every event (outbox, event sourcing); false for the
 *     foils that the lab shows failing
 * @param brokers the fewest Kafka brokers on which the variant differs from its strategy's fix: 3
 *     for a foil whose mistake only a replicated cluster shows (acks=1), else 1
 */
public record Variant(String name, String description, boolean fix, int brokers) {

  public Variant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be 1 or more: " + brokers);
    }
  }

  /** A variant that shows what it shows on one broker. */
  public Variant(String name, String description, boolean fix) {
    this(name, description, fix, 1);
  }
}
