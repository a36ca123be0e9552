package dualwrite.chaos.checker;

import dualwrite.bank.Component;
import dualwrite.chaos.history.Op;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each component had to do during a run, and when: the evidence that a fault met work. The
 * bank works while a client's request is open (from its invoke to its answer); the relay while a
 * committed transaction waits to be published (from its commit to its first record on the topic);
 * the fraud service while a record waits to be checked (from the record to its check). Everything
 * is read from the history and the truth, whose times come from the harness's clock, PostgreSQL's
 * commit timestamps and the broker's append times: one clock on one machine, as the embedded
 * environment has it; servers elsewhere must keep their clocks close to the lab's.
 */
final class Work {

  /**
   * One piece of work, in nanoseconds since the run started; {@code end} is MAX when never done.
   */
  record Interval(long start, long end) {
    boolean overlaps(long from, long to) {
      return start <= to && end >= from;
    }
  }

  private final Map<Component, List<Interval>> intervals = new EnumMap<>(Component.class);

  private Work() {
    for (Component component : Component.values()) {
      intervals.put(component, new ArrayList<>());
    }
  }

  /**
   * @param startedAt the wall-clock time of the history's nanosecond 0
   * @param truth what the servers hold, or null when it could not be read (then only the bank's
   *     requests count)
   */
  static Work of(List<Op> ops, Instant startedAt, Truth truth) {
    Work work = new Work();
    Map<String, Op> open = new HashMap<>();
    for (Op op : ops) {
      if (!op.isClient() || op.transactionId() == null) {
        continue;
      }
      String key = op.process() + "|" + op.transactionId();
      if (op.type() == Op.Type.INVOKE) {
        open.put(key, op);
      } else {
        Op invoke = open.remove(key);
        if (invoke != null) {
          work.add(Component.BANK, invoke.timeNanos(), op.timeNanos());
        }
      }
    }
    open.values().forEach(invoke -> work.add(Component.BANK, invoke.timeNanos(), Long.MAX_VALUE));
    if (truth != null) {
      Map<UUID, Instant> firstPublished = new HashMap<>();
      for (Truth.Published record : truth.published()) {
        if (record.readable()) {
          firstPublished.merge(record.transactionId(), record.publishedAt(), Work::earlier);
        }
      }
      Map<UUID, Instant> firstChecked = new HashMap<>();
      truth
          .checks()
          .forEach(c -> firstChecked.merge(c.transactionId(), c.checkedAt(), Work::earlier));
      for (Truth.Committed committed : truth.committed()) {
        if (committed.committedAt() != null) {
          work.add(
              Component.RELAY,
              nanos(startedAt, committed.committedAt()),
              nanos(startedAt, firstPublished.get(committed.transactionId())));
        }
      }
      firstPublished.forEach(
          (transaction, published) ->
              work.add(
                  Component.FRAUD,
                  nanos(startedAt, published),
                  nanos(startedAt, firstChecked.get(transaction))));
    }
    return work;
  }

  /**
   * The work of a component that overlapped {@code [from, to]}, told as evidence ({@code 3 requests
   * open from 0.41 s}), or empty when it had none.
   */
  Optional<String> during(Component component, long from, long to) {
    List<Interval> met =
        intervals.get(component).stream().filter(i -> i.overlaps(from, to)).toList();
    if (met.isEmpty()) {
      return Optional.empty();
    }
    long first = Math.max(from, met.stream().mapToLong(Interval::start).min().getAsLong());
    String what =
        switch (component) {
          case BANK -> plural(met.size(), "request") + " open";
          case RELAY -> plural(met.size(), "committed event") + " waiting to be published";
          case FRAUD -> plural(met.size(), "published event") + " waiting to be checked";
        };
    return Optional.of(what + " from " + Seconds.of(first));
  }

  private void add(Component component, long start, long end) {
    if (end >= start) {
      intervals.get(component).add(new Interval(start, end));
    }
  }

  private static long nanos(Instant startedAt, Instant at) {
    return at == null ? Long.MAX_VALUE : Duration.between(startedAt, at).toNanos();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Times as a reader of a run page sees them: seconds since the run started. */
  static final class Seconds {
    private Seconds() {}

    static String of(long nanos) {
      return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
  }
}
