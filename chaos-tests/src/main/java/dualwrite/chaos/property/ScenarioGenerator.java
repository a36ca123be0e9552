package dualwrite.chaos.property;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dualwrite.bank.Component;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.run.Runner.ServiceProfile;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generates scenarios with QuickTheories: transactions over a few accounts from several clients,
 * with episodes of trouble laid over the traffic (a fault, then a wait while the clients keep
 * sending, then the heal; a crash point armed, then the restart). Weights favour the interesting:
 * most episodes are link faults and crashes at crash points, and every episode overlaps traffic.
 *
 * <p>QuickTheories draws a deterministic sequence of examples from a seed. Scenario {@code i} of
 * seed {@code s} is named {@code generated-s-i}, and the same seed and index give the same scenario
 * again: that is how a failure is replayed.
 */
public final class ScenarioGenerator {

  /** Most clients, accounts and transactions in a generated scenario. */
  static final int MAX_CLIENTS = 3;

  static final int MAX_ACCOUNTS = 4;
  static final int MAX_RECORDS = 20;

  private final List<ServiceProfile> services;
  private final Set<FaultMenu> menu;

  /**
   * @param services what the variant deploys, with crash points (from {@code Runner.profile})
   * @param menu the kinds of trouble allowed
   */
  public ScenarioGenerator(List<ServiceProfile> services, Set<FaultMenu> menu) {
    this.services = List.copyOf(services);
    this.menu = Set.copyOf(menu);
  }

  /** The first {@code count} scenarios of {@code seed}. */
  public List<Scenario> generate(long seed, int count) {
    List<Scenario> drawn = draw(seed, count);
    List<Scenario> named = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      named.add(name(drawn.get(i), seed, i));
    }
    return named;
  }

  /** Scenario {@code index} of {@code seed}: the same every time. */
  public Scenario one(long seed, int index) {
    return name(draw(seed, index + 1).get(index), seed, index);
  }

  private List<Scenario> draw(long seed, int count) {
    List<Scenario> drawn = new ArrayList<>();
    int asked = count + 8;
    while (drawn.size() < count) {
      drawn.clear();
      // QuickTheories skips examples it has drawn already, so ask for a few more than needed;
      // a longer run draws the same prefix, which keeps every index stable.
      qt().withFixedSeed(seed)
          .withExamples(asked)
          .withShrinkCycles(0)
          .forAll(scenarios())
          .checkAssert(drawn::add);
      asked *= 2;
    }
    return drawn;
  }

  private static Scenario name(Scenario drawn, long seed, int index) {
    return new Scenario(
        "generated-" + seed + "-" + index,
        "scenario " + index + " generated from seed " + seed,
        seed,
        "generated",
        drawn.clients(),
        drawn.steps());
  }

  /** The generator itself: a QuickTheories {@link Gen} of unnamed scenarios. */
  public Gen<Scenario> scenarios() {
    Gen<List<Step.Record>> records = lists().of(record()).ofSizeBetween(4, MAX_RECORDS);
    Gen<List<Episode>> episodes = lists().of(episode()).ofSizeBetween(1, 3);
    return integers()
        .between(1, MAX_CLIENTS)
        .zip(integers().between(1, MAX_ACCOUNTS), records, episodes, ScenarioGenerator::assemble);
  }

  /**
   * Lays the episodes over the traffic: each one starts before a chunk of records and ends after
   * it.
   */
  private static Scenario assemble(
      int clients, int accounts, List<Step.Record> drawn, List<Episode> episodes) {
    List<Step.Record> records =
        drawn.stream()
            .map(
                r ->
                    new Step.Record(
                        r.client() % clients,
                        "acct-" + (1 + Integer.parseInt(r.account().substring(5)) % accounts),
                        r.type(),
                        r.amountMinor()))
            .toList();
    List<Step> steps = new ArrayList<>();
    int chunks = episodes.size() + 1;
    int next = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      int end = records.size() * (chunk + 1) / chunks;
      Episode episode = chunk < episodes.size() ? episodes.get(chunk) : null;
      if (episode != null) {
        steps.addAll(episode.begin());
      }
      steps.addAll(records.subList(next, end));
      next = end;
      if (episode != null) {
        steps.addAll(episode.end());
      }
    }
    return new Scenario("generated", "generated", 0, "generated", clients, steps);
  }

  private static Gen<Step.Record> record() {
    Gen<TransactionType> types = Generate.pick(Arrays.asList(TransactionType.values()));
    return integers()
        .between(0, MAX_CLIENTS - 1)
        .zip(
            integers().between(0, MAX_ACCOUNTS - 1),
            types,
            longs().between(100, 900_000),
            (client, account, type, amount) ->
                new Step.Record(client, "acct-" + account, type, amount));
  }

  /** Some trouble: what starts it, and what ends it. */
  record Episode(List<Step> begin, List<Step> end) {}

  private Gen<Episode> episode() {
    List<Pair<Integer, Gen<Episode>>> choices = new ArrayList<>();
    if (menu.contains(FaultMenu.LINK_FAULTS)) {
      choices.add(Pair.of(10, linkFault()));
    }
    List<ServiceProfile> crashable =
        services.stream().filter(s -> !s.crashPoints().isEmpty()).toList();
    if (menu.contains(FaultMenu.CRASHES) && !crashable.isEmpty()) {
      choices.add(Pair.of(8, crash(crashable)));
    }
    if (menu.contains(FaultMenu.KILLS)) {
      choices.add(Pair.of(2, kill()));
    }
    if (menu.contains(FaultMenu.SERVER_FAULTS)) {
      // rare: a restarted broker costs seconds, and every scenario must stay cheap
      choices.add(Pair.of(1, serverFault()));
    }
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("nothing on the menu applies to " + services);
    }
    return Generate.frequency(choices);
  }

  private List<Link> links() {
    Set<Component> present = Set.copyOf(services.stream().map(ServiceProfile::component).toList());
    return Link.all().stream().filter(l -> present.contains(l.component())).toList();
  }

  private Gen<Episode> linkFault() {
    Gen<Fault> faults =
        Generate.pick(links())
            .flatMap(
                link ->
                    Generate.frequency(
                        List.of(
                            Pair.of(3, Generate.constant((Fault) new Fault.Down(link))),
                            Pair.of(
                                2,
                                longs()
                                    .between(50, 500)
                                    .map(ms -> (Fault) Fault.Toxic.latency(link, ms))),
                            Pair.of(
                                2,
                                longs()
                                    .between(0, 400)
                                    .zip(
                                        Generate.pick(List.of("upstream", "downstream")),
                                        (ms, stream) ->
                                            (Fault) Fault.Toxic.timeout(link, stream, ms))),
                            Pair.of(
                                1,
                                longs()
                                    .between(0, 200)
                                    .map(ms -> (Fault) Fault.Toxic.resetPeer(link, ms))),
                            Pair.of(
                                1,
                                longs()
                                    .between(0, 20)
                                    .map(
                                        rate ->
                                            (Fault)
                                                new Fault.Toxic(
                                                    link,
                                                    "bandwidth",
                                                    "downstream",
                                                    Map.of("rate", rate),
                                                    1.0))),
                            Pair.of(
                                1,
                                longs()
                                    .between(1, 64)
                                    .map(
                                        size ->
                                            (Fault)
                                                new Fault.Toxic(
                                                    link,
                                                    "slicer",
                                                    "downstream",
                                                    Map.of("average_size", size, "delay", 200L),
                                                    1.0))),
                            Pair.of(
                                1,
                                longs()
                                    .between(100, 20_000)
                                    .map(
                                        bytes ->
                                            (Fault)
                                                new Fault.Toxic(
                                                    link,
                                                    "limit_data",
                                                    "upstream",
                                                    Map.of("bytes", bytes),
                                                    1.0))),
                            Pair.of(
                                1,
                                longs()
                                    .between(50, 500)
                                    .map(
                                        ms ->
                                            (Fault)
                                                new Fault.Toxic(
                                                    link,
                                                    "slow_close",
                                                    "downstream",
                                                    Map.of("delay", ms),
                                                    1.0))))));
    return faults.zip(
        longs().between(100, 700),
        (fault, millis) ->
            new Episode(
                List.of(new Step.Inject(fault)),
                List.of(new Step.Wait(millis), new Step.Heal(fault.link()))));
  }

  private static Gen<Episode> crash(List<ServiceProfile> crashable) {
    return Generate.pick(crashable)
        .flatMap(
            service ->
                Generate.pick(service.crashPoints())
                    .zip(
                        integers().between(1, 3),
                        longs().between(0, 300),
                        (point, nth, millis) ->
                            new Episode(
                                List.of(new Step.Crash(service.name(), point, nth)),
                                List.of(new Step.Wait(millis), new Step.Restart(service.name())))));
  }

  private Gen<Episode> kill() {
    return Generate.pick(services)
        .zip(
            longs().between(0, 300),
            (service, millis) ->
                new Episode(
                    List.of(new Step.Kill(service.name())),
                    List.of(new Step.Wait(millis), new Step.Restart(service.name()))));
  }

  private static Gen<Episode> serverFault() {
    return Generate.frequency(
            List.of(
                Pair.of(2, Generate.constant(new Step.ServerFault(Server.KAFKA, Action.KILL))),
                Pair.of(
                    2,
                    Generate.constant(
                        new Step.ServerFault(Server.POSTGRES, Action.STOP_IMMEDIATE))),
                Pair.of(1, Generate.constant(new Step.ServerFault(Server.KAFKA, Action.PAUSE)))))
        .zip(
            longs().between(100, 500),
            (fault, millis) ->
                new Episode(
                    List.of(fault),
                    List.of(
                        new Step.Wait(millis),
                        new Step.ServerFault(
                            fault.server(),
                            fault.action() == Action.PAUSE ? Action.RESUME : Action.START))));
  }
}
