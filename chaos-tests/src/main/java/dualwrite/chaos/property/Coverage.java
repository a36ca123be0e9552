package dualwrite.chaos.property;

import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.ServiceProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of runs covered, counted from their verdicts: every crash point armed and reached,
 * every fault kind armed and landed, and how many runs proved nothing (vacuous). A suite that never
 * reached a crash point proved nothing about it, and this is where that shows, and where the suites
 * assert it.
 *
 * @param runs how many runs
 * @param vacuous how many of them kept every promise while none of their faults landed
 * @param crashPoints per crash point by component ({@code relay:after-publish}): how often a crash,
 *     stall or fault was armed there, and how often the point was reached
 * @param faultKinds per kind ({@code down}, {@code latency}, {@code stall}, {@code fault-at},
 *     {@code crash}, {@code kill}, {@code kill(kafka)}, ...): how often armed, how often landed
 */
public record Coverage(
    int runs, int vacuous, Map<String, Reached> crashPoints, Map<String, Landed> faultKinds) {

  /** Fewest runs from which a suite judges its coverage: fewer say too little either way. */
  public static final int FEWEST_RUNS = 50;

  /** Most vacuous runs a suite allows, as a share of its runs. */
  public static final double MOST_VACUOUS = 0.05;

  /** Fewest times a suite must reach each crash point of its variant. */
  public static final int FEWEST_REACHED = 5;

  /** Fewest times a suite must land each fault kind. */
  public static final int FEWEST_LANDED = 3;

  /**
   * The fault kinds a fix's suite must land: a disabled link, every toxic, a stall, a fault at a
   * point, a crash, a kill, and each server fault.
   */
  public static final List<String> KINDS_OF_A_FIX =
      List.of(
          "down",
          "latency",
          "bandwidth",
          "slow_close",
          "timeout",
          "reset_peer",
          "slicer",
          "limit_data",
          "stall",
          "fault-at",
          "crash",
          "kill",
          "kill(kafka)",
          "pause(kafka)",
          "stop-immediate(postgres)");

  /**
   * The fault kinds a fix's suite must also land on a three-broker cluster: the leader killed,
   * frozen and cut off, and a broker stopped.
   */
  public static final List<String> KINDS_OF_A_CLUSTER =
      List.of("kill(leader)", "pause(leader)", "isolate", "stop(kafka-N)");

  /** The kinds a fix's suite must land with {@code brokers} Kafka brokers. */
  public static List<String> kindsOfAFix(int brokers) {
    if (brokers < 3) {
      return KINDS_OF_A_FIX;
    }
    List<String> kinds = new ArrayList<>(KINDS_OF_A_FIX);
    kinds.addAll(KINDS_OF_A_CLUSTER);
    return List.copyOf(kinds);
  }

  /**
   * The crash points a variant declares, as coverage names them ({@code relay:mid-batch}): what a
   * suite must reach.
   */
  public static List<String> pointsOf(List<ServiceProfile> services) {
    return services.stream()
        .flatMap(s -> s.crashPoints().stream().map(p -> s.component().label() + ":" + p))
        .distinct()
        .toList();
  }

  /** Armed, and reached. */
  public record Reached(int armed, int reached) {}

  /** Armed, and landed. */
  public record Landed(int armed, int landed) {}

  public Coverage {
    crashPoints = new TreeMap<>(crashPoints);
    faultKinds = new TreeMap<>(faultKinds);
  }

  /** The coverage of a set of runs, from their verdicts. */
  public static Coverage of(Collection<Verdict> verdicts) {
    int vacuous = (int) verdicts.stream().filter(v -> v.valid() == Validity.VACUOUS).count();
    // the faults of a run the checker could not judge do not count: that run showed nothing
    return count(
        verdicts.size(),
        vacuous,
        verdicts.stream()
            .filter(v -> v.valid() != Validity.UNKNOWN)
            .flatMap(v -> v.faults().stream())
            .toList());
  }

  /**
   * @param runs how many runs
   * @param vacuous how many of them were vacuous
   * @param faults the outcomes of every fault of those runs
   */
  public static Coverage count(int runs, int vacuous, Collection<FaultOutcome> faults) {
    Map<String, Reached> points = new TreeMap<>();
    Map<String, Landed> kinds = new TreeMap<>();
    for (FaultOutcome fault : faults) {
      int hit = fault.landed() ? 1 : 0;
      kinds.merge(
          fault.kind(),
          new Landed(1, hit),
          (a, b) -> new Landed(a.armed() + b.armed(), a.landed() + b.landed()));
      if (atPoint(fault.kind())) {
        points.merge(
            fault.target(),
            new Reached(1, hit),
            (a, b) -> new Reached(a.armed() + b.armed(), a.reached() + b.reached()));
      }
    }
    return new Coverage(runs, vacuous, points, kinds);
  }

  private static boolean atPoint(String kind) {
    return kind.equals("crash") || kind.equals("stall") || kind.equals("fault-at");
  }

  /**
   * What falls short of the bar: too many vacuous runs, a crash point of the variant reached fewer
   * than {@link #FEWEST_REACHED} times, a fault kind landed fewer than {@link #FEWEST_LANDED}
   * times.
   *
   * @param pointsOfTheVariant every crash point the variant declares ({@code relay:mid-batch})
   * @param kinds the fault kinds it must land
   * @return one line per shortfall; empty when the coverage is enough
   */
  public List<String> shortfalls(Collection<String> pointsOfTheVariant, Collection<String> kinds) {
    List<String> missing = new ArrayList<>();
    if (vacuous > Math.floor(runs * MOST_VACUOUS)) {
      missing.add(
          vacuous
              + " of "
              + runs
              + " runs were vacuous (at most "
              + Math.round(MOST_VACUOUS * 100)
              + "%)");
    }
    for (String point : pointsOfTheVariant) {
      Reached tally = crashPoints.getOrDefault(point, new Reached(0, 0));
      if (tally.reached() < FEWEST_REACHED) {
        missing.add(
            "crash point "
                + point
                + " reached "
                + tally.reached()
                + " times (armed "
                + tally.armed()
                + "), needs "
                + FEWEST_REACHED);
      }
    }
    for (String kind : kinds) {
      Landed tally = faultKinds.getOrDefault(kind, new Landed(0, 0));
      if (tally.landed() < FEWEST_LANDED) {
        missing.add(
            "fault kind "
                + kind
                + " landed "
                + tally.landed()
                + " times (armed "
                + tally.armed()
                + "), needs "
                + FEWEST_LANDED);
      }
    }
    return missing;
  }

  /** The coverage as a table for a person: one line per crash point and per fault kind. */
  public String table() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("runs %d, vacuous %d%n", runs, vacuous));
    text.append(String.format("%-34s %6s %8s%n", "crash point", "armed", "reached"));
    crashPoints.forEach(
        (point, t) -> text.append(String.format("%-34s %6d %8d%n", point, t.armed(), t.reached())));
    text.append(String.format("%-34s %6s %8s%n", "fault kind", "armed", "landed"));
    faultKinds.forEach(
        (kind, t) -> text.append(String.format("%-34s %6d %8d%n", kind, t.armed(), t.landed())));
    return text.toString();
  }
}
