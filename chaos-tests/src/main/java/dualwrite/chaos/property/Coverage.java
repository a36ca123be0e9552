package dualwrite.chaos.property;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of generated scenarios covered: how many hit each fault kind, each link, each crash
 * point (armed, and actually reached), each server fault. A suite that never reached a crash point
 * proved nothing about it, and this is where that shows.
 *
 * @param scenarios how many scenarios
 * @param faultKinds scenarios per fault kind ({@code down}, {@code latency}, {@code crash}, ...)
 * @param links scenarios per link hit by a network fault
 * @param crashPointsArmed scenarios per crash point armed, by component ({@code
 *     bank:after-db-commit})
 * @param crashPointsReached scenarios in which that crash point actually fired
 * @param serverFaults scenarios per server fault ({@code kill(kafka)})
 */
public record Coverage(
    int scenarios,
    Map<String, Integer> faultKinds,
    Map<String, Integer> links,
    Map<String, Integer> crashPointsArmed,
    Map<String, Integer> crashPointsReached,
    Map<String, Integer> serverFaults) {

  public static Coverage of(List<RunResult> results) {
    Map<String, Integer> kinds = new TreeMap<>();
    Map<String, Integer> links = new TreeMap<>();
    Map<String, Integer> armed = new TreeMap<>();
    Map<String, Integer> reached = new TreeMap<>();
    Map<String, Integer> servers = new TreeMap<>();
    for (RunResult result : results) {
      Map<String, Boolean> seenKinds = new TreeMap<>();
      Map<String, Boolean> seenLinks = new TreeMap<>();
      Map<String, Boolean> seenArmed = new TreeMap<>();
      Map<String, Boolean> seenReached = new TreeMap<>();
      Map<String, Boolean> seenServers = new TreeMap<>();
      for (Step step : result.scenario().steps()) {
        if (step instanceof Step.Inject inject) {
          Fault fault = inject.fault();
          seenKinds.put(fault instanceof Fault.Toxic t ? t.type() : "down", true);
          seenLinks.put(fault.link().toString(), true);
        } else if (step instanceof Step.Crash crash) {
          seenKinds.put("crash", true);
          // by component, as the crash is reported when it fires: relay-2 is a relay
          seenArmed.put(crash.service().replaceAll("-\\d+$", "") + ":" + crash.point(), true);
        } else if (step instanceof Step.Kill kill) {
          seenKinds.put("kill", true);
        } else if (step instanceof Step.ServerFault server
            && server.action() != Step.ServerFault.Action.START
            && server.action() != Step.ServerFault.Action.RESUME) {
          seenKinds.put("server", true);
          seenServers.put(server.describe(), true);
        }
      }
      for (Op op : result.history()) {
        if (!op.isClient() && "crashed".equals(op.f())) {
          seenReached.put(op.value(), true);
        }
      }
      seenKinds.keySet().forEach(k -> kinds.merge(k, 1, Integer::sum));
      seenLinks.keySet().forEach(k -> links.merge(k, 1, Integer::sum));
      seenArmed.keySet().forEach(k -> armed.merge(k, 1, Integer::sum));
      seenReached.keySet().forEach(k -> reached.merge(k, 1, Integer::sum));
      seenServers.keySet().forEach(k -> servers.merge(k, 1, Integer::sum));
    }
    return new Coverage(results.size(), kinds, links, armed, reached, servers);
  }

  /** A few lines for a person. */
  public String describe() {
    return "scenarios: "
        + scenarios
        + "\nfault kinds: "
        + faultKinds
        + "\nlinks: "
        + links
        + "\ncrash points armed: "
        + crashPointsArmed
        + "\ncrash points reached: "
        + crashPointsReached
        + "\nserver faults: "
        + serverFaults;
  }
}
