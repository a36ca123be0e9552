package dualwrite.chaos.grade;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;
import dualwrite.bank.spi.InstanceService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.postgresql.Driver;

/**
 * A relay service whose every life is a process the learner wrote, in any language: started with
 * {@code bash -c <command line>}, told where the relay's proxies are through environment variables,
 * killed with SIGKILL where a scenario kills the relay. It has no crash points: the lab cannot
 * reach into another process's code.
 */
final class CommandRelayService extends InstanceService<CommandRelay> {

  private final String command;
  private final Connections connections;

  CommandRelayService(String name, String command, Connections connections, Crashes crashes) {
    super(name, Component.RELAY, crashes, List.of());
    this.command = command;
    this.connections = connections;
  }

  @Override
  protected CommandRelay launch(Tripwire tripwire) {
    Path log =
        Path.of(System.getProperty("lab.logs", "target/lab-logs"), "relay-command")
            .resolve(connections.runId() + "-" + name() + ".log");
    return CommandRelay.start(name(), command, environment(), log);
  }

  /**
   * What the program is told, all through the relay's links: the documented contract
   * (docs/running-your-own-relay.md).
   */
  Map<String, String> environment() {
    DatabaseTarget database = connections.database(Component.RELAY);
    Properties url = Driver.parseURL(database.jdbcUrl(), null);
    if (url == null) {
      throw new IllegalStateException("not a PostgreSQL JDBC URL: " + database.jdbcUrl());
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("LAB_RELAY_NAME", name());
    environment.put("LAB_PG_HOST", url.getProperty("PGHOST"));
    environment.put("LAB_PG_PORT", url.getProperty("PGPORT"));
    environment.put("LAB_PG_DATABASE", url.getProperty("PGDBNAME"));
    environment.put("LAB_PG_USER", database.user());
    environment.put("LAB_PG_PASSWORD", database.password());
    environment.put("LAB_PG_JDBC_URL", database.jdbcUrl());
    environment.put(
        "LAB_KAFKA_BOOTSTRAP",
        String.valueOf(
            connections.kafka(Component.RELAY).get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)));
    environment.put("LAB_OUTBOX_TABLE", "bank.outbox");
    environment.put("LAB_TOPIC", connections.topics().events());
    return environment;
  }
}
