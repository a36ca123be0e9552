package dualwrite.chaos.nemesis;

import dualwrite.chaos.scenario.Fault;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import java.util.Map;

/** How a scenario's toxic becomes a toxic of Toxiproxy's API on a proxy of its link. */
final class Toxics {

  private Toxics() {}

  /**
   * Puts the toxic on the proxy, with its attributes and its toxicity.
   *
   * @throws IllegalArgumentException for a type Toxiproxy does not have
   */
  static void add(Proxy proxy, Fault.Toxic fault) throws IOException {
    String name = fault.toxicName();
    ToxicDirection direction =
        fault.stream().equals("upstream") ? ToxicDirection.UPSTREAM : ToxicDirection.DOWNSTREAM;
    Map<String, Long> a = fault.attributes();
    Toxic toxic =
        switch (fault.type()) {
          case "latency" -> {
            Latency latency =
                proxy.toxics().latency(name, direction, a.getOrDefault("latency", 0L));
            if (a.getOrDefault("jitter", 0L) > 0) {
              latency.setJitter(a.get("jitter"));
            }
            yield latency;
          }
          case "bandwidth" -> proxy.toxics().bandwidth(name, direction, a.getOrDefault("rate", 0L));
          case "slow_close" ->
              proxy.toxics().slowClose(name, direction, a.getOrDefault("delay", 0L));
          case "timeout" -> proxy.toxics().timeout(name, direction, a.getOrDefault("timeout", 0L));
          case "reset_peer" ->
              proxy.toxics().resetPeer(name, direction, a.getOrDefault("timeout", 0L));
          case "limit_data" ->
              proxy.toxics().limitData(name, direction, a.getOrDefault("bytes", 0L));
          case "slicer" -> {
            Slicer slicer =
                proxy
                    .toxics()
                    .slicer(
                        name,
                        direction,
                        a.getOrDefault("average_size", 0L),
                        a.getOrDefault("delay", 0L));
            if (a.getOrDefault("size_variation", 0L) > 0) {
              slicer.setSizeVariation(a.get("size_variation"));
            }
            yield slicer;
          }
          default -> throw new IllegalArgumentException("unknown toxic type " + fault.type());
        };
    if (fault.toxicity() < 1.0) {
      toxic.setToxicity((float) fault.toxicity());
    }
  }
}
