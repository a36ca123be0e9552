package dualwrite.chaos.grade;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;
import java.util.List;

/**
 * A relay service ({@code relay-1}, ...) whose every life runs a fresh {@link
 * dualwrite.workshop.OutboxRelay} in the lab's loop ({@link LearnerRelay}), through the relay's own
 * links.
 */
final class LearnerRelayService extends InstanceService<LearnerRelay> {

  /** The learner's {@code send()} has just handed a record to the producer. */
  static final CrashPoint MID_BATCH =
      new CrashPoint(
          Component.RELAY,
          "mid-batch",
          "your send() has just handed a record to the producer: it may or may not reach Kafka,"
              + " and nothing of the batch is marked");

  /**
   * The learner commits a transaction in which it sent records; the commit has not reached
   * PostgreSQL.
   */
  static final CrashPoint AFTER_PUBLISH =
      new CrashPoint(
          Component.RELAY,
          "after-publish",
          "you commit a transaction in which you sent records, and the commit has not reached"
              + " PostgreSQL: whatever you marked is rolled back");

  private final Connections connections;

  LearnerRelayService(String name, Connections connections, Crashes crashes) {
    super(name, Component.RELAY, crashes, List.of(MID_BATCH, AFTER_PUBLISH));
    this.connections = connections;
  }

  @Override
  protected LearnerRelay launch(Tripwire tripwire) {
    return LearnerRelay.start(
        name(),
        connections.database(Component.RELAY).openPool("workshop-" + name(), 1),
        KafkaSettings.reliableProducer(connections.kafka(Component.RELAY), "workshop-" + name()),
        connections.topics().events(),
        tripwire);
  }
}
