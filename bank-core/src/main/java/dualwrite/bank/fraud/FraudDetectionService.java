package dualwrite.bank.fraud;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The fraud-detection service: consumes {@code TransactionRecorded} events and records one fraud
 * check per transaction in its own schema.
 *
 * <p>It is an idempotent consumer (an inbox): per batch of events, in ONE database transaction, it
 * remembers each event id and makes a check only for ids it has not seen; it commits the Kafka
 * offsets only after that transaction commits. A crash between the two makes Kafka deliver the
 * batch again, and the inbox turns the redelivery into a no-op. The foils of {@link ConsumerMode}
 * each break one part of that, to show what it is for.
 */
public final class FraudDetectionService extends InstanceService<FraudConsumer> {

  /** The checks are committed in the database; the offsets are not yet committed in Kafka. */
  public static final CrashPoint AFTER_DB_COMMIT =
      new CrashPoint(
          Component.FRAUD,
          "after-db-commit",
          "the fraud checks are committed, the Kafka offsets are not: the batch will come again");

  /**
   * The batch is consumed and its checks are written, not committed. With the inbox in the same
   * transaction nothing of the batch survives; with {@link ConsumerMode#INBOX_OUTSIDE_TRANSACTION}
   * its event ids are already committed in the inbox.
   */
  public static final CrashPoint BEFORE_DB_COMMIT =
      new CrashPoint(
          Component.FRAUD,
          "before-db-commit",
          "the batch is read but its checks are not committed: nothing of it survives, unless the"
              + " inbox committed on its own");

  private final Connections connections;
  private final ConsumerMode mode;
  private final FraudRule rule;

  /**
   * @param mode {@link ConsumerMode#IDEMPOTENT} for the inbox (the right way), or a foil
   */
  public FraudDetectionService(
      Connections connections, Crashes crashes, ConsumerMode mode, FraudRule rule) {
    super("fraud", Component.FRAUD, crashes, List.of(BEFORE_DB_COMMIT, AFTER_DB_COMMIT));
    this.connections = connections;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.rule = rule;
  }

  /** How this service consumes. */
  public ConsumerMode mode() {
    return mode;
  }

  /** The consumer group whose committed offsets say how far the service has got. */
  public static String groupId(Connections connections) {
    return "fraud-detection-" + connections.runId();
  }

  @Override
  protected FraudConsumer launch(Tripwire tripwire) {
    return FraudConsumer.start(
        connections.database(Component.FRAUD).openPool("fraud", 2),
        consumerSettings(),
        KafkaSettings.reliableProducer(connections.kafka(Component.FRAUD), "fraud-dead-letters"),
        connections.topics(),
        mode,
        rule,
        tripwire);
  }

  /**
   * Manual commits; in auto-commit mode, Kafka's own, every {@value
   * ConsumerMode#AUTO_COMMIT_INTERVAL_MS} ms.
   */
  private Map<String, Object> consumerSettings() {
    Map<String, Object> settings =
        KafkaSettings.manualCommitConsumer(
            connections.kafka(Component.FRAUD), groupId(connections), "fraud-detection");
    if (mode.autoCommits()) {
      settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
      settings.put(
          ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, ConsumerMode.AUTO_COMMIT_INTERVAL_MS);
    }
    return settings;
  }
}
