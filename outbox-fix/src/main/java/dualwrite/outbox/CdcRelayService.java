package dualwrite.outbox;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;
import dualwrite.bank.spi.InstanceService;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;

/**
 * A CDC relay component: each start runs a fresh Debezium engine whose replication connection, JDBC
 * connection and offset store all go through the relay's PostgreSQL link, and a producer through
 * its Kafka link. With more than one relay, the others wait: a replication slot serves one reader
 * at a time, so a second relay takes over only when the first lets go of the slot.
 */
final class CdcRelayService extends InstanceService<CdcRelay> {

  private final Connections connections;
  private final OutboxSettings settings;

  CdcRelayService(String name, Connections connections, OutboxSettings settings, Crashes crashes) {
    super(name, Component.RELAY, crashes, OutboxCrashPoints.relay(OutboxVariant.CDC));
    this.connections = connections;
    this.settings = settings;
  }

  @Override
  protected CdcRelay launch(Tripwire tripwire) {
    String fenceId = name() + "-" + UUID.randomUUID();
    DatabaseTarget target = connections.database(Component.RELAY);
    return CdcRelay.start(
        name(),
        engineConfig(target, fenceId),
        fenceId,
        new Publisher(
            connections.kafka(Component.RELAY), "outbox-" + name(), connections.topics().events()),
        target.openPool("outbox-" + name(), 1),
        settings,
        tripwire);
  }

  // region cdc-engine-config
  private Properties engineConfig(DatabaseTarget target, String fenceId) {
    URI address = URI.create(target.jdbcUrl().substring("jdbc:".length()));
    String slot = ReplicationSlot.name(connections);
    Properties config = new Properties();
    config.setProperty("name", "outbox-cdc"); // the offsets' namespace
    config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    config.setProperty("topic.prefix", "outbox");
    // the relay's link (its proxy), so that the nemesis's faults reach the replication connection
    config.setProperty("database.hostname", address.getHost());
    config.setProperty("database.port", Integer.toString(address.getPort()));
    config.setProperty("database.dbname", address.getPath().substring(1));
    config.setProperty("database.user", target.user());
    config.setProperty("database.password", target.password());
    config.setProperty("plugin.name", "pgoutput");
    config.setProperty("slot.name", slot);
    config.setProperty("publication.name", slot);
    config.setProperty("publication.autocreate.mode", "disabled"); // created before the start
    config.setProperty("snapshot.mode", "no_data"); // the slot holds everything since deploy
    config.setProperty("table.include.list", "bank.outbox");
    // only the columns the relay publishes: the others would be converted for nothing
    config.setProperty(
        "column.include.list",
        "bank.outbox.id,bank.outbox.event_id,bank.outbox.account_id,bank.outbox.payload");
    config.setProperty("extended.headers.enabled", "false"); // Debezium's own headers, unread
    config.setProperty("poll.interval.ms", "5"); // about 5 ms capture latency, not 500
    config.setProperty("max.batch.size", Integer.toString(settings.batchSize()));
    config.setProperty("max.queue.size", Integer.toString(settings.batchSize() * 8));
    config.setProperty("status.update.interval.ms", "1000");
    // a slot still held by a dying reader: ask again soon; the supervisor restarts after that
    config.setProperty("slot.max.retries", "20");
    config.setProperty("slot.retry.delay.ms", "250");
    config.setProperty("retriable.restart.connector.wait.ms", "250");
    // while the link is cut, the engine retries for ever; a healed link is noticed within a second
    config.setProperty("errors.retry.delay.initial.ms", "100");
    config.setProperty("errors.retry.delay.max.ms", "1000");
    // A stop waits this long for the streaming thread to end by itself before interrupting it
    // (4 s by default). A streaming thread ends within a poll; one still starting (asking for a
    // slot another reader holds, between retries) sleeps and waited out the whole default: a
    // tenth of the CDC runs spent 4 s stopping. The offsets are stored after each published
    // batch, so an interrupted thread loses nothing.
    config.setProperty("executor.shutdown.timeout.ms", "500");
    // offsets: durable, in the run's database, stored after every batch the relay published
    config.setProperty("offset.storage", PostgresOffsetStore.class.getName());
    config.setProperty(PostgresOffsetStore.URL, target.jdbcUrl());
    config.setProperty(PostgresOffsetStore.USER, target.user());
    config.setProperty(PostgresOffsetStore.PASSWORD, target.password());
    config.setProperty(PostgresOffsetStore.FENCE, fenceId);
    config.setProperty("offset.flush.interval.ms", "0");
    config.setProperty("offset.flush.timeout.ms", "5000");
    return config;
  }
  // endregion cdc-engine-config
}
