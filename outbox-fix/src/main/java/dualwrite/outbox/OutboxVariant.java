package dualwrite.outbox;

import dualwrite.bank.spi.Variant;

/** The two ways to carry outbox rows to Kafka. */
enum OutboxVariant {
  POLLING(
      "polling",
      "the bank writes the event to an outbox table in its transaction; a relay claims unpublished"
          + " rows, publishes them and marks them published"),
  CDC(
      "cdc",
      "the bank writes the event to an outbox table in its transaction; Debezium reads the inserts"
          + " from the write-ahead log and the relay publishes them");

  private final Variant variant;

  OutboxVariant(String name, String description) {
    this.variant = new Variant(name, description, true);
  }

  Variant variant() {
    return variant;
  }

  static OutboxVariant of(Variant variant) {
    for (OutboxVariant outbox : values()) {
      if (outbox.variant.name().equals(variant.name())) {
        return outbox;
      }
    }
    throw new IllegalArgumentException("not an outbox variant: " + variant.name());
  }
}
