package dualwrite.outbox;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.ledger.Transactions;
import java.util.List;

/** Where the outbox's components can die, and what each place leaves behind. */
public final class OutboxCrashPoints {

  /** The bank committed the ledger row and its outbox row; the client has no answer yet. */
  public static final CrashPoint AFTER_DB_COMMIT =
      new CrashPoint(
          Component.BANK,
          "after-db-commit",
          "the transaction and its outbox row are committed, the client has no answer: harmless,"
              + " the relay publishes the row");

  /** A polling relay holds its lanes and a batch of rows; nothing of the batch is sent. */
  public static final CrashPoint AFTER_CLAIM =
      new CrashPoint(
          Component.RELAY,
          "after-claim",
          "the relay claimed a batch and sent none of it: the lanes are released, another relay"
              + " (or the restarted one) publishes the batch");

  /** Part of the batch is acknowledged by Kafka, the rest is not sent, nothing is marked. */
  public static final CrashPoint MID_BATCH =
      new CrashPoint(
          Component.RELAY,
          "mid-batch",
          "half of the batch is on the topic, the other half is not sent, none is marked: the"
              + " first half is published again (duplicates), the rest for the first time");

  /** Kafka acknowledged the whole batch; the rows are not marked published. */
  public static final CrashPoint AFTER_PUBLISH =
      new CrashPoint(
          Component.RELAY,
          "after-publish",
          "the batch is on the topic, the rows are not marked published: the batch is published"
              + " again (duplicates), which the idempotent consumer absorbs");

  /** The CDC relay's batch is acknowledged by Kafka; Debezium's offset is not stored. */
  public static final CrashPoint CDC_AFTER_PUBLISH =
      new CrashPoint(
          Component.RELAY,
          "cdc-after-publish",
          "the batch is on the topic, its WAL position is not stored: the restarted relay reads"
              + " the batch again from the stored position (duplicates, at most a batch)");

  private OutboxCrashPoints() {}

  static List<CrashPoint> bank() {
    return List.of(Transactions.BEFORE_COMMIT, AFTER_DB_COMMIT);
  }

  static List<CrashPoint> relay(OutboxVariant variant) {
    return switch (variant) {
      case POLLING, UNSAFE_PRODUCER, MARK_BEFORE_ACK, ID_CURSOR, SKIP_LOCKED_ROWS ->
          List.of(AFTER_CLAIM, MID_BATCH, AFTER_PUBLISH);
      case CDC -> List.of(CDC_AFTER_PUBLISH);
    };
  }
}
