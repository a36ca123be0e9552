package dualwrite.chaos.property;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dualwrite.bank.TransactionType;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.run.ServiceProfile;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generates scenarios with QuickTheories: from one to four clients contending for a few shared
 * accounts, ten to two hundred transactions, and two or three episodes of trouble laid over the
 * traffic. Every kind of step the catalogue uses can come up: link faults of every kind, crashes,
 * stalls and faults armed at crash points, kills, server faults, and two relays side by side.
 *
 * <p>Each episode is built so that its fault meets work, because a fault that meets none proves
 * nothing (the run is vacuous). A link fault or a server fault stays on while a chunk of the
 * traffic goes through. A crash point of the bank is armed for a request of the chunk that follows;
 * one of a relay or of the fraud service is armed while that service has a backlog: the service is
 * killed, the chunk builds the backlog, the point is armed and the service restarted, so its first
 * batch reaches the point.
 *
 * <p>QuickTheories draws a deterministic sequence of examples from a seed. Scenario {@code i} of
 * seed {@code s} is named {@code generated-s-i}, and the same seed and index give the same scenario
 * again: that is how a failure is replayed.
 */
public final class ScenarioGenerator {

  /** Most clients, accounts and transactions in a generated scenario. */
  static final int MAX_CLIENTS = 4;

  static final int MAX_ACCOUNTS = 3;
  static final int MIN_RECORDS = 10;
  static final int MAX_RECORDS = 200;

  private final boolean twoRelays;
  private final Episodes episodes;

  /** A generator for one Kafka broker. */
  public ScenarioGenerator(
      List<ServiceProfile> services, Set<Link> links, boolean twoRelays, Set<FaultMenu> menu) {
    this(services, links, twoRelays, menu, 1);
  }

  /**
   * @param services what the variant deploys, with crash points (from {@code Runner.profile})
   * @param links the links the variant connects through (from {@code Runner.linksInUse})
   * @param twoRelays whether the strategy can run two relays side by side
   * @param menu the kinds of trouble allowed
   * @param brokers how many Kafka brokers the runs have: with three, the cluster's faults come up
   *     too (a leader killed, frozen or cut off, a broker restarted, one broker's link cut)
   */
  public ScenarioGenerator(
      List<ServiceProfile> services,
      Set<Link> links,
      boolean twoRelays,
      Set<FaultMenu> menu,
      int brokers) {
    this.twoRelays = twoRelays;
    this.episodes = new Episodes(services, links, menu, brokers);
    if (episodes.none()) {
      throw new IllegalArgumentException("nothing on the menu applies to " + services);
    }
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
        drawn.steps(),
        drawn.relays());
  }

  /**
   * The generator itself: a QuickTheories {@link Gen} of unnamed scenarios. The traffic is drawn by
   * QuickTheories; each episode by a seed it draws, which picks the episode's kind and numbers.
   */
  public Gen<Scenario> scenarios() {
    Gen<List<Step.Record>> records = lists().of(record()).ofSizeBetween(MIN_RECORDS, MAX_RECORDS);
    Gen<List<Long>> episodes = lists().of(longs().all()).ofSizeBetween(2, 3);
    Gen<Integer> shape = integers().between(0, Integer.MAX_VALUE - 1);
    return integers()
        .between(1, MAX_CLIENTS)
        .zip(integers().between(1, MAX_ACCOUNTS), records, episodes, this::assemble)
        .zip(shape, (scenario, s) -> twoRelays && s % 5 == 0 ? withTwoRelays(scenario) : scenario);
  }

  /**
   * Lays the episodes over the traffic: each one starts before a chunk of records and ends after
   * it.
   */
  private Scenario assemble(
      int clients, int accounts, List<Step.Record> drawn, List<Long> episodeSeeds) {
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
    int chunks = episodeSeeds.size() + 1;
    int next = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      int end = records.size() * (chunk + 1) / chunks;
      List<Step.Record> traffic = records.subList(next, end);
      if (chunk < episodeSeeds.size()) {
        steps.addAll(episodes.episode(new Random(episodeSeeds.get(chunk)), traffic));
      } else {
        steps.addAll(traffic);
      }
      next = end;
    }
    return new Scenario("generated", "generated", 0, "generated", clients, steps);
  }

  /**
   * The same traffic and episodes with two relays side by side: a kill or restart of the relay then
   * takes both, so that a crash armed at a relay's point meets a backlog whichever relay claims it.
   */
  private static Scenario withTwoRelays(Scenario scenario) {
    List<Step> steps = new ArrayList<>();
    for (Step step : scenario.steps()) {
      if (step instanceof Step.Kill kill && kill.service().equals("relay-1")) {
        steps.add(new Step.Kill("relay-1"));
        steps.add(new Step.Kill("relay-2"));
      } else if (step instanceof Step.Restart restart && restart.service().equals("relay-1")) {
        steps.add(new Step.Restart("relay-1"));
        steps.add(new Step.Restart("relay-2"));
      } else {
        steps.add(step);
      }
    }
    return new Scenario(
        scenario.name(),
        scenario.description(),
        scenario.seed(),
        scenario.origin(),
        scenario.clients(),
        steps,
        2);
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
}
