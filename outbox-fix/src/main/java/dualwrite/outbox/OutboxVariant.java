package dualwrite.outbox;

import dualwrite.bank.spi.Variant;

/** The ways to carry outbox rows to Kafka: two fixes, and a foil that trusts one broker. */
enum OutboxVariant {
  POLLING(
      "polling",
      "the bank writes the event to an outbox table in its transaction; a relay claims unpublished"
          + " rows, publishes them and marks them published"),
  CDC(
      "cdc",
      "the bank writes the event to an outbox table in its transaction; Debezium reads the inserts"
          + " from the write-ahead log and the relay publishes them"),
  UNSAFE_PRODUCER(
      "unsafe-producer",
      "the polling relay with acks=1 and idempotence off: it marks a row published once the"
          + " partition leader alone has it, which a leader failover can undo",
      false,
      3),
  MARK_BEFORE_ACK(
      "mark-before-ack",
      "the polling relay marks a row published when send() returns, before Kafka acknowledges it:"
          + " a record that never gets through is marked all the same",
      false,
      1),
  ID_CURSOR(
      "id-cursor",
      "one relay that reads the rows above the highest id it published, with no lanes and no"
          + " lock: a row whose transaction commits after a later one is never read",
      false,
      1),
  SKIP_LOCKED_ROWS(
      "skip-locked-rows",
      "relays that lock the oldest free rows (FOR UPDATE SKIP LOCKED) instead of lanes: two of"
          + " them split an account's events and may publish them out of order",
      false,
      1);

  private final Variant variant;

  OutboxVariant(String name, String description) {
    this(name, description, true, 1);
  }

  OutboxVariant(String name, String description, boolean fix, int brokers) {
    this.variant = new Variant(name, description, fix, brokers);
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
