package dualwrite.chaos.cli;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Starts the environment and prints its addresses and a few curl commands, then waits for Ctrl-C:
 * an instructor breaks things by hand while the class watches.
 */
@Command(
    name = "env",
    description = {
      "Start the servers and keep them up until Ctrl-C, to break things by hand.",
      "Prints the addresses of PostgreSQL, Kafka and the fault proxy, and curl commands."
    })
final class EnvCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the environment...");
    out.flush();
    LabEnvironment environment = Environments.shared();
    String control = environment.toxiproxyUrl();
    out.println();
    out.println("PostgreSQL (user " + environment.postgresUser() + ", no password):");
    out.printf("  %-16s %s%n", "direct", environment.directJdbcUrl("postgres"));
    for (Component component : Component.values()) {
      Link link = Link.of(component, Server.POSTGRES);
      out.printf("  %-16s %s%n", link, environment.jdbcUrl(link, "postgres"));
    }
    out.println(
        environment.brokers() == 1
            ? "Kafka bootstrap servers:"
            : "Kafka bootstrap servers (a cluster of "
                + environment.brokers()
                + " brokers; each component reaches each broker through a proxy of its own):");
    out.printf("  %-16s %s%n", "direct", environment.directKafkaBootstrap());
    for (Component component : Component.values()) {
      Link link = Link.of(component, Server.KAFKA);
      out.printf("  %-16s %s%n", link, environment.kafkaBootstrap(link));
    }
    out.println("Fault proxy (speaks Toxiproxy's API): " + control);
    out.println();
    out.println("Try:");
    out.println("  curl -s " + control + "/proxies");
    String relayKafka = environment.brokers() == 1 ? "relay-kafka" : "relay-kafka-1";
    out.println(
        environment.brokers() == 1
            ? "  # cut the relay off from Kafka, then heal it"
            : "  # cut the relay off from broker 1, then heal it");
    out.println(
        "  curl -s -X POST " + control + "/proxies/" + relayKafka + " -d '{\"enabled\":false}'");
    out.println(
        "  curl -s -X POST " + control + "/proxies/" + relayKafka + " -d '{\"enabled\":true}'");
    out.println("  # 300 ms more on every answer the bank gets from PostgreSQL");
    out.println(
        "  curl -s -X POST "
            + control
            + "/proxies/bank-postgres/toxics -d"
            + " '{\"type\":\"latency\",\"attributes\":{\"latency\":300}}'");
    if (environment.brokers() > 1) {
      out.println("  # cut broker 2 off from broker 1's replicas (kafka-2 fetches from kafka-1)");
      out.println(
          "  curl -s -X POST " + control + "/proxies/kafka-2-kafka-1 -d '{\"enabled\":false}'");
    }
    out.println("  # heal everything");
    out.println("  curl -s -X POST " + control + "/reset");
    out.println();
    out.println("Press Ctrl-C to stop everything.");
    out.flush();
    new CountDownLatch(1).await(); // the shutdown hook stops the servers
    return 0;
  }
}
