package dualwrite.eventsourced;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.InstanceService;
import java.util.function.Supplier;

/**
 * A relay component ({@code relay-1}, {@code relay-2}, ...): each start launches a fresh relay that
 * connects through the relay's links and resumes from the position saved in PostgreSQL.
 */
final class RelayService extends InstanceService<Relay> {

  private final Supplier<Cursor> cursors;
  private final Connections connections;

  /**
   * @param cursors the cursor of each life: the lab's own are stateless and always the same; a
   *     workshop learner's is fresh for each life, as after a real restart
   */
  RelayService(String name, Supplier<Cursor> cursors, Connections connections, Crashes crashes) {
    super(name, Component.RELAY, crashes, EventSourcedCrashPoints.RELAY);
    this.cursors = cursors;
    this.connections = connections;
  }

  @Override
  protected Relay launch(Tripwire tripwire) {
    return Relay.start(
        name(),
        connections.database(Component.RELAY),
        KafkaSettings.reliableProducer(connections.kafka(Component.RELAY), name()),
        connections.topics().events(),
        cursors.get(),
        tripwire);
  }
}
