package dualwrite.eventsourced;

import dualwrite.bank.spi.Variant;

/** The two relays: the gap-safe one, and the tempting id cursor that loses entries. */
enum EventSourcedVariant {
  LOG_RELAY(
      new Variant(
          "log-relay",
          "the relay reads only entries of transactions older than the oldest one still running,"
              + " so nothing it passes can commit later",
          true),
      new GapSafeCursor("log-relay")),
  NAIVE_CURSOR(
      new Variant(
          "naive-cursor",
          "the relay remembers the highest entry id it sent and reads past it, skipping entries"
              + " whose transactions commit late",
          false),
      new NaiveIdCursor("naive-cursor"));

  private final Variant variant;
  private final Cursor cursor;

  EventSourcedVariant(Variant variant, Cursor cursor) {
    this.variant = variant;
    this.cursor = cursor;
  }

  Variant variant() {
    return variant;
  }

  Cursor cursor() {
    return cursor;
  }

  static EventSourcedVariant of(Variant variant) {
    for (EventSourcedVariant candidate : values()) {
      if (candidate.variant.name().equals(variant.name())) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("not an event-sourced variant: " + variant.name());
  }
}
