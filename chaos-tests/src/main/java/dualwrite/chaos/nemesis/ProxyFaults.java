package dualwrite.chaos.nemesis;

import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.scenario.Fault;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The nemesis's network faults, through the Toxiproxy API (so a real Toxiproxy can take the fault
 * proxy's place): a link cut or poisoned with a toxic, one link healed, every link healed.
 */
final class ProxyFaults {

  private final LabEnvironment environment;

  ProxyFaults(LabEnvironment environment) {
    this.environment = environment;
  }

  /** A network fault starts: its link's proxies disabled, or given the toxic. */
  void inject(Fault fault) {
    try {
      for (Proxy proxy : environment.proxies(fault.link())) {
        if (fault instanceof Fault.Toxic toxic) {
          addToxic(proxy, toxic);
        } else {
          proxy.disable();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused " + fault.describe(), e);
    }
  }

  /** Every fault on one link ends: its proxies enabled, their toxics removed. */
  void heal(Link link) {
    environment.proxies(link).forEach(ProxyFaults::heal);
  }

  private static void heal(Proxy proxy) {
    try {
      for (Toxic toxic : proxy.toxics().getAll()) {
        toxic.remove();
      }
      proxy.enable();
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused to heal " + proxy.getName(), e);
    }
  }

  /** Every network fault ends ({@code POST /reset}). */
  void reset() {
    try {
      environment.toxiproxy().reset();
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused to reset", e);
    }
  }

  private static void addToxic(Proxy proxy, Fault.Toxic fault) throws IOException {
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
