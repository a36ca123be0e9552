package dualwrite.naive;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.ledger.Transactions;
import java.util.List;

/** Where the naive bank can die, and what each place leaves behind. */
public final class NaiveCrashPoints {

  /** The transaction is committed; its event has not been sent. */
  public static final CrashPoint AFTER_DB_COMMIT =
      new CrashPoint(
          Component.BANK,
          "after-db-commit",
          "the transaction is committed, its event not yet sent: the event is lost");

  /** Kafka acknowledged the event; the transaction is not committed. */
  public static final CrashPoint AFTER_PUBLISH =
      new CrashPoint(
          Component.BANK,
          "after-publish",
          "Kafka has the event, the database has not committed it: the event is a phantom");

  /** {@code send()} returned: the event sits in the producer's memory, not yet on the wire. */
  public static final CrashPoint AFTER_SEND_CALL =
      new CrashPoint(
          Component.BANK,
          "after-send-call",
          "the event is only in the producer's buffer, which dies with the process");

  /** The ledger rows are written; COMMIT is about to be sent (shared with every strategy). */
  public static final CrashPoint BEFORE_COMMIT = Transactions.BEFORE_COMMIT;

  private NaiveCrashPoints() {}

  static List<CrashPoint> of(NaiveVariant variant) {
    return switch (variant) {
      case DB_THEN_KAFKA -> List.of(BEFORE_COMMIT, AFTER_DB_COMMIT);
      case KAFKA_THEN_DB, SEND_IN_TRANSACTION -> List.of(AFTER_PUBLISH, BEFORE_COMMIT);
      case FIRE_AND_FORGET -> List.of(BEFORE_COMMIT, AFTER_DB_COMMIT, AFTER_SEND_CALL);
    };
  }
}
