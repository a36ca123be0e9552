package dualwrite.chaos.live;

import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults of a live session as bands on its chart: each opens when a person breaks something and
 * closes when it heals (a link healed, a server started or resumed, a service back up).
 */
final class FaultBands {

  /**
   * @param label what broke, as the scenario describes it
   * @param from seconds since the session started
   * @param to when it healed, or null while it lasts
   */
  record Band(String label, double from, Double to) {}

  private final Map<String, Band> open = new LinkedHashMap<>();
  private final List<Band> closed = new ArrayList<>();

  /** Opens or closes the bands a step opens or closes. */
  synchronized void took(Step step, double at) {
    if (step instanceof Step.Inject inject) {
      open.put("link:" + inject.fault().link() + ":" + inject.describe(), band(step, at));
    } else if (step instanceof Step.Heal heal) {
      closeWhere("link:" + heal.link() + ":", at);
    } else if (step instanceof Step.HealAll) {
      closeWhere("link:", at);
    } else if (step instanceof Step.ServerFault fault) {
      String key = "server:" + fault.server();
      if (fault.breaks()) {
        open.putIfAbsent(key, band(step, at));
      } else {
        closeWhere(key, at);
      }
    }
  }

  /** A service seen down opens its band; seen up again, closes it. */
  synchronized void service(String name, boolean up, double at) {
    String key = "service:" + name;
    if (!up) {
      open.putIfAbsent(key, new Band(name + " down", at, null));
    } else {
      closeWhere(key, at);
    }
  }

  /** Heal and check ends every fault. */
  synchronized void closeAll(double at) {
    closeWhere("", at);
  }

  /** Every band, the closed ones first. */
  synchronized List<Band> all() {
    List<Band> bands = new ArrayList<>(closed);
    bands.addAll(open.values());
    return bands;
  }

  private static Band band(Step step, double at) {
    return new Band(step.describe(), at, null);
  }

  private void closeWhere(String prefix, double at) {
    open.entrySet()
        .removeIf(
            entry -> {
              if (!entry.getKey().startsWith(prefix)) {
                return false;
              }
              closed.add(new Band(entry.getValue().label(), entry.getValue().from(), at));
              return true;
            });
  }
}
