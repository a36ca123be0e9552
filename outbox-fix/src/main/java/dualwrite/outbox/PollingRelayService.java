package dualwrite.outbox;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;

/**
 * A polling relay component ({@code relay-1}, {@code relay-2}, ...): each start opens a pool
 * through the relay's PostgreSQL link and a producer through its Kafka link.
 */
final class PollingRelayService extends InstanceService<PollingRelay> {

  private final Connections connections;
  private final OutboxSettings settings;
  private final boolean unsafeProducer;

  /**
   * @param unsafeProducer true for the foil: a producer with {@code acks=1} and idempotence off
   */
  PollingRelayService(
      String name,
      Connections connections,
      OutboxSettings settings,
      Crashes crashes,
      boolean unsafeProducer) {
    super(name, Component.RELAY, crashes, OutboxCrashPoints.relay(OutboxVariant.POLLING));
    this.connections = connections;
    this.settings = settings;
    this.unsafeProducer = unsafeProducer;
  }

  @Override
  protected PollingRelay launch(Tripwire tripwire) {
    return PollingRelay.start(
        name(),
        // one connection to claim and publish, one to listen for the bank's notifications
        connections.database(Component.RELAY).openPool("outbox-" + name(), 2),
        unsafeProducer
            ? Publisher.unsafe(
                connections.kafka(Component.RELAY),
                "outbox-" + name(),
                connections.topics().events())
            : new Publisher(
                connections.kafka(Component.RELAY),
                "outbox-" + name(),
                connections.topics().events()),
        settings,
        tripwire);
  }
}
