package dualwrite.bank.fraud;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;
import java.util.List;

/**
 * The fraud-detection service: consumes {@code TransactionRecorded} events and records one fraud
 * check per transaction in its own schema.
 *
 * <p>It is an idempotent consumer (an inbox): per batch of events, in ONE database transaction, it
 * remembers each event id and makes a check only for ids it has not seen; it commits the Kafka
 * offsets only after that transaction commits. A crash between the two makes Kafka deliver the
 * batch again, and the inbox turns the redelivery into a no-op. The non-idempotent variant skips
 * the inbox, to show what redelivery does without it.
 */
public final class FraudDetectionService extends InstanceService<FraudConsumer> {

  /** The checks are committed in the database; the offsets are not yet committed in Kafka. */
  public static final CrashPoint AFTER_DB_COMMIT =
      new CrashPoint(
          Component.FRAUD,
          "after-db-commit",
          "the fraud checks are committed, the Kafka offsets are not: the batch will come again");

  /** The batch is consumed but nothing is committed anywhere yet. */
  public static final CrashPoint BEFORE_DB_COMMIT =
      new CrashPoint(
          Component.FRAUD,
          "before-db-commit",
          "the batch is read but its checks are not committed: nothing of it survives");

  private final Connections connections;
  private final boolean idempotent;
  private final FraudRule rule;

  /**
   * @param idempotent true for the inbox (the right way), false to show duplicates processed twice
   */
  public FraudDetectionService(
      Connections connections, Crashes crashes, boolean idempotent, FraudRule rule) {
    super("fraud", Component.FRAUD, crashes, List.of(BEFORE_DB_COMMIT, AFTER_DB_COMMIT));
    this.connections = connections;
    this.idempotent = idempotent;
    this.rule = rule;
  }

  /** The consumer group whose committed offsets say how far the service has got. */
  public static String groupId(Connections connections) {
    return "fraud-detection-" + connections.runId();
  }

  @Override
  protected FraudConsumer launch(Tripwire tripwire) {
    return FraudConsumer.start(
        connections.database(Component.FRAUD).openPool("fraud", 2),
        KafkaSettings.manualCommitConsumer(
            connections.kafka(Component.FRAUD), groupId(connections), "fraud-detection"),
        KafkaSettings.reliableProducer(connections.kafka(Component.FRAUD), "fraud-dead-letters"),
        connections.topics(),
        idempotent,
        rule,
        tripwire);
  }
}
