package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.Journey.Hop;
import dualwrite.chaos.report.Journey.Lane;
import dualwrite.chaos.report.Journey.Tone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every transaction's journey, from the client's history and the truth the checker read: what the
 * client asked and was told, the commit, each record on the topic, each fraud check. Works on a
 * finished run (with its verdict) and on a run still going (a live view, without one).
 */
public final class Journeys {

  /**
   * The lanes in the causal order of the hops that go to them, which breaks ties between hops at
   * the same time: the request, the commit, the relay's read, the publish, the answer, the check.
   */
  private static final List<Lane> CAUSAL =
      List.of(Lane.BANK, Lane.POSTGRESQL, Lane.RELAY, Lane.KAFKA, Lane.CLIENT, Lane.FRAUD);

  /** The name of the strategy whose bank publishes (see {@code dualwrite.naive.NaiveStrategy}). */
  private static final String NAIVE = "naive";

  /** The class an error's message begins with: {@code dualwrite.bank.OutcomeUnknown: }. */
  private static final Pattern EXCEPTION = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ");

  private Journeys() {}

  /**
   * One journey per client transaction, in the order the clients asked for them, then one for each
   * transaction an anomaly hit that no client asked for.
   *
   * @param history the run's operations; the nemesis's are ignored
   * @param truth what the servers hold, or null when unknown: then only the client's side shows
   * @param verdict the checker's verdict, or null for a live view: then each journey says how far
   *     it got so far ({@code on the topic, not yet checked}) instead of where it stopped
   * @param relayPublishes false for the naive strategy, whose bank publishes; true when a relay
   *     reads the event from PostgreSQL and publishes it
   * @param startedAt when the run started, which the history's times count from
   */
  public static List<Journey> of(
      List<Op> history, Truth truth, Verdict verdict, boolean relayPublishes, Instant startedAt) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(startedAt, "startedAt");
    Map<UUID, Asked> asked = asked(history);
    Map<UUID, List<String>> anomalies = anomalies(verdict);
    List<UUID> ids = new ArrayList<>(asked.keySet());
    anomalies.keySet().stream().filter(id -> !asked.containsKey(id)).forEach(ids::add);
    JourneyFacts.Index index = truth == null ? null : JourneyFacts.Index.of(truth);
    List<Journey> journeys = new ArrayList<>();
    for (UUID id : ids) {
      Asked a = asked.getOrDefault(id, new Asked(null, null));
      JourneyFacts facts = index == null ? null : index.of(id, startedAt);
      List<String> labels = anomalies.getOrDefault(id, List.of());
      journeys.add(
          new Journey(
              id,
              a.request(),
              hops(a, facts, relayPublishes),
              labels,
              JourneyStops.stop(a, facts, labels, verdict != null, relayPublishes),
              JourneyStops.stoppedAt(facts)));
    }
    return List.copyOf(journeys);
  }

  /**
   * Whether a strategy's events reach the topic through a relay: every strategy's but the naive
   * one's, whose bank publishes them itself.
   */
  public static boolean relayPublishes(String strategy) {
    return !NAIVE.equals(strategy);
  }

  /**
   * The journeys worth drawing: every anomalous one, up to {@code max}, then the first {@code
   * normalOnes} normal ones, for contrast.
   */
  public static List<Journey> select(List<Journey> all, int normalOnes, int max) {
    if (normalOnes < 0 || max < 0) {
      throw new IllegalArgumentException("cannot select " + normalOnes + " and " + max);
    }
    List<Journey> chosen =
        new ArrayList<>(all.stream().filter(Journey::anomalous).limit(max).toList());
    all.stream().filter(j -> !j.anomalous()).limit(normalOnes).forEach(chosen::add);
    return List.copyOf(chosen);
  }

  /**
   * What a client asked for and what it was told.
   *
   * @param invoke its invoke, or null when no client asked
   * @param answer its completion, or null when never answered
   */
  record Asked(Op invoke, Op answer) {

    String request() {
      return invoke == null ? null : invoke.value();
    }

    Op.Type told() {
      return answer == null ? null : answer.type();
    }
  }

  private static Map<UUID, Asked> asked(List<Op> history) {
    Map<UUID, Asked> asked = new LinkedHashMap<>();
    for (Op op : history) {
      if (!op.isClient() || op.transactionId() == null) {
        continue;
      }
      Asked before = asked.get(op.transactionId());
      if (!op.isCompletion() && before == null) {
        asked.put(op.transactionId(), new Asked(op, null));
      } else if (op.isCompletion() && before != null) {
        asked.put(op.transactionId(), new Asked(before.invoke(), op));
      }
    }
    return asked;
  }

  private static Map<UUID, List<String>> anomalies(Verdict verdict) {
    Map<UUID, List<String>> labels = new LinkedHashMap<>();
    if (verdict != null) {
      for (Anomaly anomaly : verdict.found()) {
        for (UUID id : verdict.of(anomaly)) {
          List<String> of = labels.computeIfAbsent(id, i -> new ArrayList<>());
          if (!of.contains(anomaly.label())) {
            of.add(anomaly.label());
          }
        }
      }
    }
    return labels;
  }

  private static List<Hop> hops(Asked asked, JourneyFacts facts, boolean relayPublishes) {
    List<Hop> hops = new ArrayList<>();
    if (asked.invoke() != null) {
      hops.add(
          new Hop(
              Lane.CLIENT,
              Lane.BANK,
              Format.shorten(asked.request() == null ? "record" : asked.request(), 34),
              asked.invoke().timeNanos() / 1e9,
              Tone.REQUEST));
    }
    if (facts != null) {
      facts.hops(hops, relayPublishes);
    }
    if (asked.answer() != null) {
      hops.add(answer(asked.answer()));
    }
    hops.sort(
        Comparator.comparingDouble(Hop::atSeconds).thenComparing(h -> CAUSAL.indexOf(h.to())));
    return hops;
  }

  private static Hop answer(Op answer) {
    Tone tone =
        switch (answer.type()) {
          case OK -> Tone.OK;
          case FAIL -> Tone.FAIL;
          default -> Tone.INFO;
        };
    String word = answer.type() == Op.Type.INFO ? "unknown" : answer.type().label();
    String label =
        answer.error() == null || answer.error().isBlank()
            ? word
            : word + ": " + Format.shorten(EXCEPTION.matcher(answer.error()).replaceFirst(""), 30);
    return new Hop(Lane.BANK, Lane.CLIENT, label, answer.timeNanos() / 1e9, tone);
  }
}
