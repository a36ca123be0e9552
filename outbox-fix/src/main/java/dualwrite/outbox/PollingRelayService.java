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
  private final OutboxVariant variant;

  /**
   * @param variant {@code polling}, or one of the foils built on the polling relay
   */
  PollingRelayService(
      String name,
      Connections connections,
      OutboxSettings settings,
      Crashes crashes,
      OutboxVariant variant) {
    super(name, Component.RELAY, crashes, OutboxCrashPoints.relay(variant));
    this.connections = connections;
    this.settings = settings;
    this.variant = variant;
  }

  @Override
  protected PollingRelay launch(Tripwire tripwire) {
    return PollingRelay.start(
        name(),
        // one connection to claim and publish, one to listen for the bank's notifications
        connections.database(Component.RELAY).openPool("outbox-" + name(), 2),
        publisher(),
        settings,
        switch (variant) {
          case ID_CURSOR -> Claim.idCursor();
          case SKIP_LOCKED_ROWS -> Claim.lockedRows();
          default -> Claim.lanes(Outbox.lanesPerClaim(settings.relays()));
        },
        tripwire);
  }

  private Publisher publisher() {
    var link = connections.kafka(Component.RELAY);
    String clientId = "outbox-" + name();
    String topic = connections.topics().events();
    return switch (variant) {
      case UNSAFE_PRODUCER -> Publisher.unsafe(link, clientId, topic);
      case MARK_BEFORE_ACK -> Publisher.markBeforeAck(link, clientId, topic);
      default -> new Publisher(link, clientId, topic);
    };
  }
}
