package dualwrite.chaos.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dualwrite.chaos.env.Link;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A network fault on one link, set through the Toxiproxy API: the link's proxy disabled, or a toxic
 * on it. Each describes itself the way the lab writes it: {@code down(relay->kafka)}, {@code
 * latency(relay->kafka, 300ms)}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fault")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Down.class, name = "down"),
  @JsonSubTypes.Type(value = Fault.Toxic.class, name = "toxic")
})
public sealed interface Fault {

  /** The link the fault hits. */
  Link link();

  /** How the lab writes it in a scenario's story. */
  String describe();

  /**
   * The link's proxy is disabled: open connections are closed and new ones refused, as when a
   * network cable is pulled or a firewall drops the route.
   */
  record Down(Link link) implements Fault {
    public Down {
      Objects.requireNonNull(link, "link");
    }

    @Override
    public String describe() {
      return "down(" + link + ")";
    }
  }

  /**
   * A Toxiproxy toxic on the link.
   *
   * @param type a Toxiproxy toxic type: latency, bandwidth, slow_close, timeout, reset_peer,
   *     slicer, limit_data
   * @param stream {@code upstream} (component to server) or {@code downstream} (server to
   *     component)
   * @param attributes the toxic's attributes, such as {@code latency=300}
   * @param toxicity the share of connections it applies to, 0 to 1
   */
  record Toxic(Link link, String type, String stream, Map<String, Long> attributes, double toxicity)
      implements Fault {

    public Toxic {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(type, "type");
      if (!stream.equals("upstream") && !stream.equals("downstream")) {
        throw new IllegalArgumentException("stream must be upstream or downstream: " + stream);
      }
      if (toxicity < 0 || toxicity > 1) {
        throw new IllegalArgumentException("toxicity must be between 0 and 1: " + toxicity);
      }
      attributes = Map.copyOf(attributes);
    }

    public static Toxic latency(Link link, long millis) {
      return new Toxic(link, "latency", "downstream", Map.of("latency", millis), 1.0);
    }

    /** Data on the link vanishes; the connection closes after {@code millis} without data. */
    public static Toxic timeout(Link link, String stream, long millis) {
      return new Toxic(link, "timeout", stream, Map.of("timeout", millis), 1.0);
    }

    public static Toxic resetPeer(Link link, long millis) {
      return new Toxic(link, "reset_peer", "upstream", Map.of("timeout", millis), 1.0);
    }

    /** The toxic's name in Toxiproxy: the lab adds at most one of each type and stream. */
    public String toxicName() {
      return type + "_" + stream;
    }

    @Override
    public String describe() {
      Map<String, Long> shown = new LinkedHashMap<>(attributes);
      String details =
          shown.entrySet().stream()
              .map(
                  e ->
                      e.getKey().equals(mainAttribute())
                          ? format(e.getValue())
                          : e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", "));
      String where = stream.equals("downstream") ? "" : " " + stream;
      String share = toxicity < 1 ? ", " + Math.round(toxicity * 100) + "% of connections" : "";
      return type + "(" + link + where + (details.isEmpty() ? "" : ", " + details) + share + ")";
    }

    private String mainAttribute() {
      return switch (type) {
        case "latency" -> "latency";
        case "timeout", "reset_peer" -> "timeout";
        case "slow_close" -> "delay";
        case "bandwidth" -> "rate";
        case "limit_data" -> "bytes";
        default -> "";
      };
    }

    private String format(long value) {
      return switch (type) {
        case "bandwidth" -> value + "KB/s";
        case "limit_data" -> value + "B";
        default -> value + "ms";
      };
    }
  }
}
