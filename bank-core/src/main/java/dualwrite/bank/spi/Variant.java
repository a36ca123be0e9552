package dualwrite.bank.spi;

import java.util.Objects;

/**
 * One way a strategy can be built.
 *
 * @param name short and stable: {@code db-then-kafka}, {@code polling}, {@code log-relay}
 * @param description one sentence a workshop attendee understands
 * @param fix true when it is meant to keep every event (outbox, event sourcing); false for the
 *     naive foils that the lab shows failing
 */
public record Variant(String name, String description, boolean fix) {

  public Variant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }
}
