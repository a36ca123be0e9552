package dualwrite.chaos.env;

import dualwrite.bank.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One component's connection to one server. Every link goes through its own proxy, so that one
 * fault can hit one link alone: the relay can lose Kafka while the bank keeps committing.
 *
 * @param component who connects
 * @param server what it connects to
 */
public record Link(Component component, Server server) {

  public Link {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(server, "server");
  }

  public static Link of(Component component, Server server) {
    return new Link(component, server);
  }

  /** Every link of every component, in a stable order. */
  public static List<Link> all() {
    List<Link> links = new ArrayList<>();
    for (Component component : Component.values()) {
      for (Server server : Server.values()) {
        links.add(new Link(component, server));
      }
    }
    return List.copyOf(links);
  }

  /**
   * Parses {@code bank->kafka} (how the lab writes a link) or {@code bank-kafka} (its proxy's
   * name).
   *
   * @throws IllegalArgumentException naming the accepted forms when the text is neither
   */
  public static Link parse(String text) {
    for (Link link : all()) {
      if (link.toString().equals(text) || link.proxyName().equals(text)) {
        return link;
      }
    }
    throw new IllegalArgumentException(
        "unknown link '" + text + "': expected <component>-><server>, for example relay->kafka");
  }

  /**
   * The name of the link's proxy in the fault proxy (and in a real Toxiproxy): {@code bank-kafka}.
   */
  public String proxyName() {
    return component.label() + "-" + server.label();
  }

  @Override
  public String toString() {
    return component.label() + "->" + server.label();
  }
}
