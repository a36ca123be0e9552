package dualwrite.chaos.nemesis;

import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.scenario.Fault;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import java.io.IOException;
import java.io.UncheckedIOException;

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
          Toxics.add(proxy, toxic);
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
}
