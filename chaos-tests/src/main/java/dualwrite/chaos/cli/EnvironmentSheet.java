package dualwrite.chaos.cli;

import dualwrite.bank.Component;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import java.io.PrintWriter;

/**
 * What {@code ./lab env} prints once the servers are up: the addresses of PostgreSQL, Kafka and the
 * fault proxy, direct and through each component's link, and a few curl commands that break and
 * heal links by hand.
 */
final class EnvironmentSheet {

  private EnvironmentSheet() {}

  static void print(PrintWriter out, LabEnvironment environment) {
    addresses(out, environment);
    commands(out, environment);
  }

  /** Where each server is, directly and through each component's proxy. */
  private static void addresses(PrintWriter out, LabEnvironment environment) {
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
    out.println("Fault proxy (speaks Toxiproxy's API): " + environment.toxiproxyUrl());
    out.println();
  }

  /** Curl commands to break and heal links through the fault proxy's API. */
  private static void commands(PrintWriter out, LabEnvironment environment) {
    String control = environment.toxiproxyUrl();
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
  }
}
