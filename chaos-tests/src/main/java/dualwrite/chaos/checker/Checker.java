package dualwrite.chaos.checker;

import dualwrite.chaos.checker.Verdict.Lag;
import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Unresolved;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validates a history against the truth. It compares three sources (the committed transactions, the
 * records on the topic, the fraud checks) and the clients' view of each operation, and names every
 * anomaly by the transactions it hit. It never throws: a failure is an unknown verdict.
 */
public final class Checker {

  /** How long after healing every event must have been checked, by default. */
  public static final Duration DELIVERY_BOUND = Duration.ofSeconds(10);

  private final Duration deliveryBound;

  public Checker(Duration deliveryBound) {
    this.deliveryBound = deliveryBound;
  }

  public Checker() {
    this(DELIVERY_BOUND);
  }

  /**
   * Checks a history for anomalies only: its faults, if any, are not judged (the verdict lists
   * none), because without the history's start time they cannot be set against the truth; the delay
   * after healing then counts from {@code healedAt}.
   *
   * @param ops the history's operations
   * @param truth what the servers hold
   * @param healedAt when the last fault ended, or null if there was none
   */
  public Verdict check(List<Op> ops, Truth truth, Instant healedAt) {
    return check(new Observation(ops, null, truth, healedAt, true, null));
  }

  /**
   * Checks a run: its anomalies, then whether its faults landed, then the trade-off's two figures
   * (see {@link #availability} and {@link #delayAfterHealMs}). A run that kept every promise while
   * none of its faults landed is vacuous; a run that did not settle is unknown, whatever it seemed
   * to lose.
   */
  public Verdict check(Observation run) {
    try {
      Verdict verdict = judge(run.ops(), run.truth(), run.healedAt());
      List<FaultOutcome.Judged> judged =
          run.startedAt() == null
              ? List.of()
              : FaultOutcome.judgeSpans(run.ops(), run.startedAt(), run.truth(), run.linksInUse());
      List<FaultOutcome> faults = judged.stream().map(FaultOutcome.Judged::outcome).toList();
      Instant healed = run.startedAt() == null ? run.healedAt() : lastHeal(judged, run.startedAt());
      verdict =
          new Verdict(
              verdict.valid(),
              verdict.anomalies(),
              verdict.counts(),
              verdict.lag(),
              verdict.unresolved(),
              verdict.reason(),
              faults,
              verdict.notes(),
              availability(run.ops()),
              delayAfterHealMs(run.truth(), healed));
      if (!run.settled()) {
        // claims nothing, but a reader wants to know what it looked like when the lab gave up
        return verdict.asUnknown(
            "the run did not settle: work was still in flight when the settle time ran out"
                + (verdict.found().isEmpty() ? "" : "; as it stood: " + asItStood(verdict)));
      }
      if (verdict.valid() == Validity.VALID
          && !faults.isEmpty()
          && faults.stream().noneMatch(FaultOutcome::landed)) {
        return new Verdict(
            Validity.VACUOUS,
            verdict.anomalies(),
            verdict.counts(),
            verdict.lag(),
            verdict.unresolved(),
            "none of its " + faults.size() + " faults landed",
            faults,
            verdict.notes(),
            verdict.availability(),
            verdict.delayAfterHealMs());
      }
      return verdict;
    } catch (RuntimeException e) {
      return Verdict.unknown("the checker failed: " + e)
          .withTradeOff(availability(run.ops()), null);
    }
  }

  /**
   * The share of the clients' requests that got {@code ok}, from 0 to 1, or null when there was
   * none. A request is a client's {@code record} operation: its invoke opens it, and it counts as
   * served only when its answer is {@code ok}; {@code fail}, {@code info} and no answer at all are
   * the same to the customer, who was not served. The truth plays no part: a request that committed
   * although its client was told it failed was still refused.
   */
  public static Double availability(List<Op> ops) {
    long requests = 0;
    long ok = 0;
    for (Op op : ops) {
      if (!op.isClient() || op.transactionId() == null) {
        continue;
      }
      if (op.type() == Op.Type.INVOKE) {
        requests++;
      } else if (op.type() == Op.Type.OK) {
        ok++;
      }
    }
    return requests == 0 ? null : (double) ok / requests;
  }

  /**
   * How long after the heal the fraud service finished catching up, in milliseconds: for each
   * committed transaction that was checked, the wait from the heal (or from its commit, if it
   * committed after the heal) to its first check; the longest of these. It is {@link
   * Lag#afterHealMs()}'s measure from another instant (see {@link #waitedMs}). Transactions that
   * were never checked are not in it. Null when {@code heal} is null (nothing was broken) or when
   * no committed transaction was checked.
   */
  public static Long delayAfterHealMs(Truth truth, Instant heal) {
    if (heal == null || truth == null) {
      return null;
    }
    Map<UUID, Instant> firstCheck = new HashMap<>();
    for (Truth.Checked check : truth.checks()) {
      firstCheck.merge(check.transactionId(), check.checkedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }
    Long longest = null;
    for (Truth.Committed transaction : truth.committed()) {
      Instant checked = firstCheck.get(transaction.transactionId());
      if (checked != null && transaction.committedAt() != null) {
        long waited = waitedMs(heal, transaction.committedAt(), checked);
        longest = longest == null ? waited : Math.max(longest, waited);
      }
    }
    return longest;
  }

  /**
   * When the last fault that landed ended, or null when none landed: from then on nothing was
   * broken, and whatever was held up could go through. A fault that missed delayed nothing.
   */
  private static Instant lastHeal(List<FaultOutcome.Judged> judged, Instant startedAt) {
    OptionalLong end =
        judged.stream().filter(j -> j.outcome().landed()).mapToLong(j -> j.span().endNanos()).max();
    return end.isPresent() ? startedAt.plusNanos(end.getAsLong()) : null;
  }

  /**
   * How long a transaction waited for its check once nothing held it up: from the heal, or from its
   * commit if it committed after the heal; never less than 0.
   */
  private static long waitedMs(Instant heal, Instant committedAt, Instant checkedAt) {
    Instant from = heal != null && heal.isAfter(committedAt) ? heal : committedAt;
    return Math.max(0, Duration.between(from, checkedAt).toMillis());
  }

  private Verdict judge(List<Op> ops, Truth truth, Instant healedAt) {
    Map<UUID, Truth.Committed> committed =
        truth.committed().stream()
            .collect(
                Collectors.toMap(
                    Truth.Committed::transactionId,
                    Function.identity(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    List<Truth.Published> readable =
        truth.published().stream()
            .filter(Truth.Published::readable)
            .sorted(
                Comparator.comparingInt(Truth.Published::partition)
                    .thenComparingLong(Truth.Published::offset))
            .toList();
    Map<UUID, List<Truth.Published>> deliveries = group(readable, Truth.Published::transactionId);
    Map<UUID, List<Truth.Checked>> checks = group(truth.checks(), Truth.Checked::transactionId);

    Map<Anomaly, Set<UUID>> found = new EnumMap<>(Anomaly.class);
    for (Anomaly anomaly : Anomaly.values()) {
      found.put(anomaly, new LinkedHashSet<>());
    }
    for (UUID id : committed.keySet()) {
      if (!deliveries.containsKey(id)) {
        found.get(Anomaly.LOST).add(id);
      } else if (!checks.containsKey(id)) {
        found.get(Anomaly.UNCHECKED).add(id);
      }
    }
    deliveries.forEach(
        (id, records) -> {
          if (!committed.containsKey(id)) {
            found.get(Anomaly.PHANTOM).add(id);
          }
          if (records.size() > 1) {
            found.get(Anomaly.DUPLICATE_DELIVERY).add(id);
          }
        });
    checks.forEach(
        (id, made) -> {
          if (made.size() > 1) {
            found.get(Anomaly.PROCESSED_TWICE).add(id);
          }
        });
    found.get(Anomaly.OUT_OF_ORDER).addAll(outOfOrder(readable, committed));

    List<Unresolved> unresolved = new ArrayList<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    Set<UUID> unanswered = new LinkedHashSet<>();
    for (Op op : ops) {
      if (!op.isClient() || op.transactionId() == null) {
        continue;
      }
      counts.merge("ops-" + op.type().label(), 1L, Long::sum);
      boolean isCommitted = committed.containsKey(op.transactionId());
      if (op.type() == Op.Type.INVOKE) {
        unanswered.add(op.transactionId());
      } else {
        unanswered.remove(op.transactionId());
      }
      switch (op.type()) {
        case FAIL -> {
          if (isCommitted) {
            found.get(Anomaly.FAILED_BUT_COMMITTED).add(op.transactionId());
          }
        }
        case OK -> {
          if (!isCommitted) {
            found.get(Anomaly.OK_BUT_NOT_COMMITTED).add(op.transactionId());
          }
        }
        case INFO -> unresolved.add(new Unresolved(op.transactionId(), isCommitted));
        case INVOKE -> {}
      }
    }
    // a request still open when the run ended is as unresolved as one answered with info
    unanswered.forEach(id -> unresolved.add(new Unresolved(id, committed.containsKey(id), false)));

    List<Double> toPublish = new ArrayList<>();
    List<Double> toCheck = new ArrayList<>();
    long afterHeal = -1;
    for (Truth.Committed transaction : committed.values()) {
      List<Truth.Published> records = deliveries.get(transaction.transactionId());
      if (records != null && transaction.committedAt() != null) {
        Instant first =
            records.stream().map(Truth.Published::publishedAt).min(Instant::compareTo).get();
        toPublish.add(millisBetween(transaction.committedAt(), first));
      }
      List<Truth.Checked> made = checks.get(transaction.transactionId());
      if (made != null && transaction.committedAt() != null) {
        Instant checked = made.stream().map(Truth.Checked::checkedAt).min(Instant::compareTo).get();
        toCheck.add(millisBetween(transaction.committedAt(), checked));
        long waited = waitedMs(healedAt, transaction.committedAt(), checked);
        afterHeal = Math.max(afterHeal, waited);
        if (waited > deliveryBound.toMillis()) {
          found.get(Anomaly.LATE).add(transaction.transactionId());
        }
      }
    }

    counts.put("committed", (long) committed.size());
    counts.put("records", (long) truth.published().size());
    counts.put("malformed-records", truth.published().stream().filter(p -> !p.readable()).count());
    counts.put("published-transactions", (long) deliveries.size());
    counts.put("fraud-checks", (long) truth.checks().size());
    Map<String, List<UUID>> anomalies = new LinkedHashMap<>();
    found.forEach(
        (anomaly, ids) -> {
          anomalies.put(anomaly.label(), List.copyOf(ids));
          counts.put(anomaly.label(), (long) ids.size());
        });
    boolean invalid =
        found.entrySet().stream()
            .anyMatch(e -> e.getKey().invalidates() && !e.getValue().isEmpty());
    Lag lag =
        new Lag(
            quantiles(toPublish),
            quantiles(toCheck),
            healedAt == null || afterHeal < 0 ? null : afterHeal);
    return new Verdict(
        invalid ? Validity.INVALID : Validity.VALID,
        anomalies,
        counts,
        lag,
        unresolved,
        null,
        List.of(),
        notes(found.get(Anomaly.LOST), checks, ops));
  }

  /**
   * What a reader needs to understand a loss that is Kafka's: events the fraud service checked and
   * the topic no longer holds were acknowledged and later dropped by Kafka itself; and a run that
   * turned unclean leader election on asked Kafka to drop them.
   */
  /** How the note begins that lays a loss at Kafka's door (unclean leader election was on). */
  public static final String KAFKA_BROKE_ITS_PROMISE =
      "Kafka broke its promise here, not the strategy";

  private static List<String> notes(
      Set<UUID> lost, Map<UUID, List<Truth.Checked>> checks, List<Op> ops) {
    List<String> notes = new java.util.ArrayList<>();
    long seen = lost.stream().filter(checks::containsKey).count();
    if (seen > 0) {
      notes.add(
          seen
              + " of the lost events were published and checked by the fraud service, then"
              + " vanished from the topic: Kafka acknowledged them and later lost them, and a"
              + " consumer that reads the topic now never sees them.");
    }
    boolean unclean =
        ops.stream()
            .anyMatch(
                op ->
                    op.step() instanceof dualwrite.chaos.scenario.Step.Configure configure
                        && op.type() == Op.Type.OK
                        && "true"
                            .equals(configure.settings().get("unclean.leader.election.enable")));
    if (unclean && !lost.isEmpty()) {
      notes.add(
          KAFKA_BROKE_ITS_PROMISE
              + ": with unclean leader election on, a"
              + " replica that lacks records the cluster acknowledged may become the leader, and"
              + " those records are gone. Keep unclean.leader.election.enable=false (the default)"
              + " and min.insync.replicas=2 with acks=all.");
    }
    return notes;
  }

  /**
   * Per account, the first delivery of each committed transaction must come in the account's
   * sequence order; a transaction that comes after a later one of its account is out of order.
   * Redeliveries of earlier records are allowed (at-least-once).
   */
  private static Set<UUID> outOfOrder(
      List<Truth.Published> readable, Map<UUID, Truth.Committed> committed) {
    Set<UUID> late = new LinkedHashSet<>();
    Map<String, Long> highest = new HashMap<>();
    Set<UUID> seen = new java.util.HashSet<>();
    for (Truth.Published record : readable) {
      Truth.Committed transaction = committed.get(record.transactionId());
      if (transaction == null || !seen.add(record.transactionId())) {
        continue;
      }
      long top = highest.getOrDefault(transaction.accountId(), 0L);
      if (transaction.sequence() < top) {
        late.add(transaction.transactionId());
      } else {
        highest.put(transaction.accountId(), transaction.sequence());
      }
    }
    return late;
  }

  private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> key) {
    Map<UUID, List<T>> groups = new LinkedHashMap<>();
    for (T item : items) {
      groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
    }
    return groups;
  }

  private static double millisBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos() / 1e6);
  }

  private static Quantiles quantiles(List<Double> millis) {
    return Quantiles.of(millis);
  }

  /** {@code lost 30, unchecked 2}: what an unsettled run showed, which it does not claim. */
  private static String asItStood(Verdict verdict) {
    return String.join(
        ", ", verdict.found().stream().map(a -> a.label() + " " + verdict.of(a).size()).toList());
  }
}
