package dualwrite.chaos.env;

import dualwrite.bank.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One component's connection to one server. Every link goes through its own proxy, so that one
 * fault can hit one link alone: the relay can lose Kafka while the bank keeps committing.
 *
 * <p>On a Kafka cluster a component reaches every broker through a proxy of its own: {@code
 * relay->kafka-2} is the relay's link to broker 2 alone, and {@code relay->kafka} all of them.
 *
 * @param component who connects
 * @param server what it connects to
 * @param broker for Kafka on a cluster, the one broker (1, 2, 3); 0 for the whole server
 */
public record Link(Component component, Server server, int broker) {

  private static final Pattern TEXT =
      Pattern.compile("([a-z]+)(?:->|-)(postgres|kafka)(?:-([1-9]))?");

  public Link {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(server, "server");
    if (broker < 0 || (broker > 0 && server != Server.KAFKA)) {
      throw new IllegalArgumentException("only a link to Kafka names a broker: " + broker);
    }
  }

  /** The component's link to the whole server. */
  public Link(Component component, Server server) {
    this(component, server, 0);
  }

  public static Link of(Component component, Server server) {
    return new Link(component, server, 0);
  }

  /** The component's link to one broker of a cluster. */
  public static Link toBroker(Component component, int broker) {
    if (broker < 1) {
      throw new IllegalArgumentException("brokers are counted from 1: " + broker);
    }
    return new Link(component, Server.KAFKA, broker);
  }

  /** True for a link to one broker of a cluster rather than to the whole server. */
  public boolean oneBroker() {
    return broker > 0;
  }

  /**
   * The link to the whole server that this link is part of: {@code relay->kafka-2} is in {@code
   * relay->kafka}.
   */
  public Link whole() {
    return broker == 0 ? this : of(component, server);
  }

  /** Every link of every component to a whole server, in a stable order. */
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
   * Parses {@code bank->kafka} (how the lab writes a link), {@code bank-kafka} (its proxy's name),
   * or {@code relay->kafka-2} (the relay's link to broker 2 of a cluster).
   *
   * @throws IllegalArgumentException naming the accepted forms when the text is none of them
   */
  public static Link parse(String text) {
    Matcher matcher = TEXT.matcher(text);
    if (matcher.matches()) {
      try {
        Component component = Component.fromLabel(matcher.group(1));
        Server server = Server.valueOf(matcher.group(2).toUpperCase(Locale.ROOT));
        int broker = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return new Link(component, server, broker);
      } catch (IllegalArgumentException e) {
        // falls through to the message that names the accepted forms
      }
    }
    throw new IllegalArgumentException(
        "unknown link '"
            + text
            + "': expected <component>-><server>, for example relay->kafka, or relay->kafka-2 for"
            + " one broker of a cluster");
  }

  /**
   * The name of the link's proxy in the fault proxy (and in a real Toxiproxy): {@code bank-kafka},
   * or {@code bank-kafka-2} for one broker of a cluster.
   */
  public String proxyName() {
    return component.label() + "-" + server.label() + (broker == 0 ? "" : "-" + broker);
  }

  @Override
  public String toString() {
    return component.label() + "->" + server.label() + (broker == 0 ? "" : "-" + broker);
  }
}
