package dualwrite.bank;

import java.util.Locale;

/**
 * A process of the bank's system that the nemesis can cut off or crash on its own. Each has its own
 * link to PostgreSQL and its own link to Kafka.
 */
public enum Component {
  /** Takes the clients' requests and records transactions. */
  BANK,
  /** Carries recorded events from the database to Kafka (outbox and event-sourced strategies). */
  RELAY,
  /** The fraud-detection service that consumes the events. */
  FRAUD;

  /** The lower-case name used in links, logs and reports: {@code bank}, {@code relay}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label such as {@code relay}. */
  public static Component fromLabel(String label) {
    for (Component component : values()) {
      if (component.label().equals(label)) {
        return component;
      }
    }
    throw new IllegalArgumentException(
        "unknown component '" + label + "': expected one of bank, relay, fraud");
  }

  @Override
  public String toString() {
    return label();
  }
}
