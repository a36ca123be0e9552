package dualwrite.bank.spi;

import dualwrite.bank.Component;
import dualwrite.bank.Topics;
import java.util.Map;

/**
 * How each component of a deployment reaches the servers: through its own links, so that a fault on
 * one link hits one component alone. The harness provides it; strategies only read it.
 */
public interface Connections {

  /** The component's database: the run's database, reached through the component's link. */
  DatabaseTarget database(Component component);

  /**
   * The component's Kafka client settings: at least {@code bootstrap.servers}, pointing at the
   * component's link. A strategy adds its own producer or consumer settings on top.
   */
  Map<String, Object> kafka(Component component);

  /** The run's topic names. */
  Topics topics();

  /** A name unique to the run, for consumer groups, replication slots and the like. */
  String runId();
}
