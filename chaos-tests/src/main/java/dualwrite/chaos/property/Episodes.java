package dualwrite.chaos.property;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.run.ServiceProfile;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The episodes of trouble a {@link ScenarioGenerator} lays over a generated scenario's traffic,
 * each drawn from its own seed: a link fault, a fault or a crash or a stall armed at a crash point,
 * a kill, a server fault or a cluster's fault, each around a chunk of the traffic so that it meets
 * work, then mended.
 */
final class Episodes {

  /** The toxics a link fault draws from, with a disabled proxy ({@code down}) beside them. */
  static final List<String> TOXICS =
      List.of(
          "latency", "timeout", "reset_peer", "bandwidth", "slicer", "limit_data", "slow_close");

  /** How long an episode waits for its armed point to be reached before it moves on. */
  static final long AWAIT_ARMED_MILLIS = 10_000;

  private final List<ServiceProfile> services;
  private final Set<Link> links;
  private final Set<FaultMenu> menu;
  private final int brokers;

  Episodes(List<ServiceProfile> services, Set<Link> links, Set<FaultMenu> menu, int brokers) {
    this.services = List.copyOf(services);
    this.links = Set.copyOf(links);
    this.menu = Set.copyOf(menu);
    this.brokers = brokers;
  }

  /** True when nothing on the menu applies to the variant. */
  boolean none() {
    return kinds().isEmpty();
  }

  /** The kinds of episode this variant and menu allow, each as often as its weight. */
  private List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>();
    boolean hasPoints = services.stream().anyMatch(s -> !s.crashPoints().isEmpty());
    if (menu.contains(FaultMenu.LINK_FAULTS) && !links.isEmpty()) {
      kinds.addAll(Collections.nCopies(9, Kind.LINK));
      if (hasPoint("bank", "before-commit") || hasPoint("fraud", "before-db-commit")) {
        kinds.addAll(Collections.nCopies(2, Kind.FAULT_AT));
      }
    }
    if (menu.contains(FaultMenu.CRASHES) && hasPoints) {
      kinds.addAll(Collections.nCopies(7, Kind.CRASH));
      kinds.addAll(Collections.nCopies(3, Kind.STALL));
    }
    if (menu.contains(FaultMenu.KILLS)) {
      kinds.addAll(Collections.nCopies(2, Kind.KILL));
    }
    if (menu.contains(FaultMenu.SERVER_FAULTS)) {
      // a restarted broker costs seconds, so these come up less often than the rest
      kinds.addAll(Collections.nCopies(3, Kind.SERVER));
      if (brokers >= 3) {
        kinds.addAll(Collections.nCopies(4, Kind.CLUSTER));
      }
    }
    return kinds;
  }

  /** What an episode does. */
  private enum Kind {
    LINK,
    FAULT_AT,
    CRASH,
    STALL,
    KILL,
    SERVER,
    CLUSTER
  }

  private boolean hasPoint(String service, String point) {
    return services.stream()
        .anyMatch(s -> s.name().equals(service) && s.crashPoints().contains(point));
  }

  /** One episode around a chunk of traffic, drawn from {@code random}. */
  List<Step> episode(Random random, List<Step.Record> traffic) {
    List<Kind> kinds = kinds();
    Kind kind = kinds.get(random.nextInt(kinds.size()));
    return switch (kind) {
      case LINK -> linkFault(random, traffic);
      case FAULT_AT -> faultAt(random, traffic);
      case CRASH -> atPoint(random, traffic, true);
      case STALL -> atPoint(random, traffic, false);
      case KILL -> kill(random, traffic);
      case SERVER -> serverFault(random, traffic);
      case CLUSTER -> clusterFault(random, traffic);
    };
  }

  private List<Step> linkFault(Random random, List<Step.Record> traffic) {
    List<Link> usable = Link.all().stream().filter(links::contains).toList();
    Link link = usable.get(random.nextInt(usable.size()));
    if (brokers >= 3 && link.server() == Server.KAFKA && random.nextBoolean()) {
      // on a cluster, half the Kafka link faults hit the component's link to one broker alone
      link = Link.toBroker(link.component(), 1 + random.nextInt(brokers));
    }
    Fault fault = fault(random, link);
    List<Step> steps = new ArrayList<>();
    steps.add(new Step.Inject(fault));
    steps.addAll(traffic);
    steps.add(hold(random, link.component(), 100, 600));
    steps.add(new Step.Heal(link));
    return steps;
  }

  /**
   * How long an episode's fault stays on once its chunk is sent: {@code min} plus a draw below
   * {@code spread}, halved unless the fault is on the fraud service. The bank and the relays meet a
   * chunk's work at once (its requests, then its commits), so a shorter fault still lands; the
   * fraud service meets it last, after the relay has published it, which may take a back-off when
   * the episode before troubled the relay, so its faults keep the whole wait. One draw either way,
   * so a seed gives the same scenario but for its waits.
   *
   * <p>A {@code reset_peer} needs no longer wait: a heal that comes before its timeout waits for
   * the reset it has begun, as Toxiproxy's does (the fault proxy once called such a reset off, and
   * left the dropped chunk unanswered on an open connection: CI's CDC scenario 88 hung on it).
   *
   * @param target the component the fault is on; null for a server fault, which the relays meet
   */
  private static Step.Wait hold(Random random, Component target, int min, int spread) {
    int drawn = random.nextInt(spread);
    return target == Component.FRAUD
        ? new Step.Wait(min + drawn)
        : new Step.Wait(min / 2 + drawn / 2);
  }

  /** A disabled link or one of the seven toxics, each as likely as the others. */
  static Fault fault(Random random, Link link) {
    int pick = random.nextInt(TOXICS.size() + 1);
    if (pick == TOXICS.size()) {
      return new Fault.Down(link);
    }
    String type = TOXICS.get(pick);
    return switch (type) {
      case "latency" -> Fault.Toxic.latency(link, 50 + random.nextInt(450));
      case "timeout" ->
          Fault.Toxic.timeout(
              link, random.nextBoolean() ? "upstream" : "downstream", random.nextInt(400));
      case "reset_peer" -> Fault.Toxic.resetPeer(link, random.nextInt(200));
      case "bandwidth" ->
          toxic(link, type, "downstream", Map.of("rate", (long) random.nextInt(20)));
      case "slicer" ->
          toxic(
              link,
              type,
              "downstream",
              Map.of("average_size", 1L + random.nextInt(64), "delay", 200L));
      case "limit_data" ->
          toxic(link, type, "upstream", Map.of("bytes", 100L + random.nextInt(20_000)));
      default -> toxic(link, type, "downstream", Map.of("delay", 50L + random.nextInt(450)));
    };
  }

  private static Fault toxic(Link link, String type, String stream, Map<String, Long> attributes) {
    return new Fault.Toxic(link, type, stream, attributes, 1.0);
  }

  /**
   * The link of the bank (or the fraud service) to PostgreSQL breaks right before a COMMIT: a
   * timeout toxic makes the commit ambiguous, a disabled link makes it fail.
   */
  private List<Step> faultAt(Random random, List<Step.Record> traffic) {
    boolean bank = hasPoint("bank", "before-commit");
    boolean fraud = hasPoint("fraud", "before-db-commit");
    boolean atBank = bank && (!fraud || random.nextBoolean());
    Component component = atBank ? Component.BANK : Component.FRAUD;
    Link link = Link.of(component, Server.POSTGRES);
    Fault fault =
        random.nextBoolean()
            ? Fault.Toxic.timeout(link, "downstream", 100 + random.nextInt(300))
            : new Fault.Down(link);
    List<Step> steps = new ArrayList<>();
    steps.add(
        new Step.FaultAt(
            component.label(),
            atBank ? "before-commit" : "before-db-commit",
            atBank ? nth(random, traffic) : 1,
            fault));
    steps.addAll(traffic);
    steps.add(new Step.Wait(300 + random.nextInt(500)));
    steps.add(new Step.Heal(link));
    return steps;
  }

  /**
   * A crash (or a stall) at one of the variant's crash points, every point as likely as any other.
   * The bank passes its points on the chunk's requests; a relay or the fraud service gets a backlog
   * first, so that its first batch after the restart passes the point.
   */
  private List<Step> atPoint(Random random, List<Step.Record> traffic, boolean crash) {
    List<String[]> points = new ArrayList<>();
    for (ServiceProfile service : services) {
      service.crashPoints().forEach(p -> points.add(new String[] {service.name(), p}));
    }
    String[] picked = points.get(random.nextInt(points.size()));
    String service = picked[0];
    String point = picked[1];
    Step armed =
        crash
            ? new Step.Crash(service, point, 1)
            : new Step.Stall(service, point, 1, 200 + random.nextInt(1300));
    List<Step> steps = new ArrayList<>();
    if (Step.componentOf(service) == Component.BANK) {
      int nth = nth(random, traffic);
      steps.add(
          crash
              ? new Step.Crash(service, point, nth)
              : new Step.Stall(service, point, nth, ((Step.Stall) armed).millis()));
      steps.addAll(traffic);
      steps.add(new Step.AwaitClients());
      if (crash) {
        steps.add(new Step.Restart(service));
      }
      return steps;
    }
    steps.add(new Step.Kill(service));
    steps.addAll(traffic);
    steps.add(new Step.AwaitClients());
    steps.add(armed);
    steps.add(new Step.Restart(service));
    steps.add(new Step.AwaitArmed(AWAIT_ARMED_MILLIS));
    if (crash) {
      steps.add(new Step.Restart(service));
    }
    return steps;
  }

  /** Which pass of a bank's point: one of the chunk's first three requests. */
  private static int nth(Random random, List<Step.Record> traffic) {
    return 1 + random.nextInt(Math.max(1, Math.min(3, traffic.size())));
  }

  private List<Step> kill(Random random, List<Step.Record> traffic) {
    ServiceProfile service = services.get(random.nextInt(services.size()));
    List<Step> steps = new ArrayList<>();
    // the service stays down while the chunk goes through, so that its work piles up
    steps.add(new Step.Kill(service.name()));
    steps.addAll(traffic);
    steps.add(new Step.AwaitClients());
    steps.add(hold(random, Step.componentOf(service.name()), 100, 300));
    steps.add(new Step.Restart(service.name()));
    return steps;
  }

  /**
   * A fault only a cluster has, around the chunk: the leader of the events topic killed, frozen
   * past its session or cut off from the other brokers, or one broker stopped; then mended, and the
   * replicas awaited back in sync, so that the next episode meets a whole cluster.
   */
  private static List<Step> clusterFault(Random random, List<Step.Record> traffic) {
    List<Step> steps = new ArrayList<>();
    Step mend;
    switch (random.nextInt(4)) {
      case 0 -> {
        steps.add(new Step.BrokerFault(Step.LEADER, Action.KILL));
        mend = new Step.BrokerFault(Step.LEADER, Action.START);
      }
      case 1 -> {
        steps.add(new Step.BrokerFault(Step.LEADER, Action.PAUSE));
        mend = new Step.BrokerFault(Step.LEADER, Action.RESUME);
      }
      case 2 -> {
        steps.add(new Step.Isolate(Step.LEADER, false));
        mend = new Step.HealAll();
      }
      default -> {
        String broker = "kafka-" + (1 + random.nextInt(3));
        steps.add(new Step.BrokerFault(broker, Action.STOP));
        mend = new Step.BrokerFault(broker, Action.START);
      }
    }
    steps.addAll(traffic);
    // long enough for the others to fence the leader (its session is 2 s) and elect another
    steps.add(new Step.Wait(2500 + random.nextInt(1000)));
    steps.add(mend);
    steps.add(new Step.AwaitInSync(20_000));
    return steps;
  }

  private static List<Step> serverFault(Random random, List<Step.Record> traffic) {
    Step.ServerFault fault =
        switch (random.nextInt(3)) {
          case 0 -> new Step.ServerFault(Server.KAFKA, Action.KILL);
          case 1 -> new Step.ServerFault(Server.KAFKA, Action.PAUSE);
          default -> new Step.ServerFault(Server.POSTGRES, Action.STOP_IMMEDIATE);
        };
    List<Step> steps = new ArrayList<>();
    steps.add(fault);
    steps.addAll(traffic);
    steps.add(hold(random, null, 100, 400));
    steps.add(
        new Step.ServerFault(
            fault.server(), fault.action() == Action.PAUSE ? Action.RESUME : Action.START));
    return steps;
  }
}
