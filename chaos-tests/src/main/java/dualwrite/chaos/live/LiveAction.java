package dualwrite.chaos.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One thing a person does to the system at the live lab, as the page and {@code POST
 * /api/session/actions} send it: {@code {"action": "cut", "link": "bank->kafka"}}. Each becomes the
 * nemesis step a scenario would hold, so the run's folder replays it.
 *
 * @param action what to do: cut, heal, latency, timeout, reset-peer, crash, kill, restart, server,
 *     heal-all
 * @param link for cut, heal and the toxics: such as {@code relay->kafka}
 * @param millis for latency, timeout and reset-peer: the toxic's delay
 * @param service for crash, kill and restart: a service's name, such as {@code relay}
 * @param point for crash: one of the service's crash points, armed now and fired when reached
 * @param server for server: {@code postgres} or {@code kafka}
 * @param does for server: stop-immediate, kill, pause, resume or start
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record LiveAction(
    String action,
    String link,
    Long millis,
    String service,
    String point,
    String server,
    String does) {

  /** The actions, in the order the page shows them. */
  public static final List<String> ACTIONS =
      List.of(
          "cut",
          "heal",
          "latency",
          "timeout",
          "reset-peer",
          "crash",
          "kill",
          "restart",
          "server",
          "heal-all");

  /**
   * The nemesis step this action is.
   *
   * @throws IllegalArgumentException naming what is missing or wrong
   */
  public Step toStep() {
    if (action == null) {
      throw new IllegalArgumentException("an action needs \"action\", one of " + ACTIONS);
    }
    return switch (action) {
      case "cut" -> new Step.Inject(new Fault.Down(parsedLink()));
      case "heal" -> new Step.Heal(parsedLink());
      case "latency" -> new Step.Inject(Fault.Toxic.latency(parsedLink(), delay()));
      case "timeout" -> new Step.Inject(Fault.Toxic.timeout(parsedLink(), "upstream", delay()));
      case "reset-peer" -> new Step.Inject(Fault.Toxic.resetPeer(parsedLink(), delay()));
      case "crash" -> new Step.Crash(serviceName(), required(point, "point"), 1);
      case "kill" -> new Step.Kill(serviceName());
      case "restart" -> new Step.Restart(serviceName());
      case "server" -> new Step.ServerFault(parsedServer(), serverAction());
      case "heal-all" -> new Step.HealAll();
      default ->
          throw new IllegalArgumentException(
              "unknown action '" + action + "': expected one of " + ACTIONS);
    };
  }

  private Link parsedLink() {
    return Link.parse(required(link, "link"));
  }

  private long delay() {
    if (millis == null || millis < 0 || millis > 60_000) {
      throw new IllegalArgumentException(
          action + " needs \"millis\" between 0 and 60000: " + millis);
    }
    return millis;
  }

  private String serviceName() {
    return required(service, "service");
  }

  private Server parsedServer() {
    String name = required(server, "server");
    return Arrays.stream(Server.values())
        .filter(s -> s.label().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown server '" + name + "': expected postgres or kafka"));
  }

  private Step.ServerFault.Action serverAction() {
    String name = required(does, "does");
    List<String> allowed = List.of("stop-immediate", "kill", "pause", "resume", "start");
    if (!allowed.contains(name)) {
      throw new IllegalArgumentException(
          "unknown server action '" + name + "': expected one of " + allowed);
    }
    return Step.ServerFault.Action.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(action + " needs \"" + field + "\"");
    }
    return value;
  }
}
