package dualwrite.naive;

import dualwrite.bank.spi.Variant;

/** The tempting ways to write to both systems from one piece of code. */
enum NaiveVariant {
  DB_THEN_KAFKA(
      "db-then-kafka",
      "commit the transaction, then send the event and wait for Kafka's acknowledgement"),
  KAFKA_THEN_DB(
      "kafka-then-db", "send the event and wait for the acknowledgement, then record and commit"),
  SEND_IN_TRANSACTION(
      "send-in-transaction",
      "record, send the event and wait inside the open transaction, then commit"),
  FIRE_AND_FORGET("fire-and-forget", "commit, then hand the event to the producer without waiting");

  private final Variant variant;

  NaiveVariant(String name, String description) {
    this.variant = new Variant(name, description, false);
  }

  Variant variant() {
    return variant;
  }

  static NaiveVariant of(Variant variant) {
    for (NaiveVariant naive : values()) {
      if (naive.variant.name().equals(variant.name())) {
        return naive;
      }
    }
    throw new IllegalArgumentException("not a naive variant: " + variant.name());
  }
}
