package dualwrite.eventsourced;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;

/**
 * A relay component ({@code relay-1}, {@code relay-2}, ...): each start launches a fresh relay that
 * connects through the relay's links and resumes from the position saved in PostgreSQL.
 */
final class RelayService extends InstanceService<Relay> {

  private final Cursor cursor;
  private final Connections connections;

  RelayService(String name, Cursor cursor, Connections connections, Crashes crashes) {
    super(name, Component.RELAY, crashes, EventSourcedCrashPoints.RELAY);
    this.cursor = cursor;
    this.connections = connections;
  }

  @Override
  protected Relay launch(Tripwire tripwire) {
    return Relay.start(
        name(),
        connections.database(Component.RELAY),
        KafkaSettings.reliableProducer(connections.kafka(Component.RELAY), name()),
        connections.topics().events(),
        cursor,
        tripwire);
  }
}
