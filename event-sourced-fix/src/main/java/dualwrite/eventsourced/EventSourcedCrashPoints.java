package dualwrite.eventsourced;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.ledger.Transactions;
import java.util.List;

/** Where the event-sourced bank and its relays can die, and what each place leaves behind. */
public final class EventSourcedCrashPoints {

  /** The entry is committed; the client has not been answered. */
  public static final CrashPoint AFTER_DB_COMMIT =
      new CrashPoint(
          Component.BANK,
          "after-db-commit",
          "the entry is committed, the client not answered: the relay still publishes it");

  /** Part of a batch is acknowledged by Kafka; the rest is not sent; the position has not moved. */
  public static final CrashPoint MID_BATCH =
      new CrashPoint(
          Component.RELAY,
          "mid-batch",
          "half the batch is acknowledged, the rest unsent, the position unmoved: the next relay"
              + " publishes the whole batch again");

  /** The whole batch is acknowledged by Kafka; the position has not moved. */
  public static final CrashPoint AFTER_PUBLISH =
      new CrashPoint(
          Component.RELAY,
          "after-publish",
          "the batch is acknowledged, the position not saved: the next relay publishes it again");

  /** The bank's crash points. */
  public static final List<CrashPoint> BANK = List.of(Transactions.BEFORE_COMMIT, AFTER_DB_COMMIT);

  /** Every relay's crash points. */
  public static final List<CrashPoint> RELAY = List.of(MID_BATCH, AFTER_PUBLISH);

  private EventSourcedCrashPoints() {}
}
