package dualwrite.chaos.live;

import dualwrite.bank.spi.Service;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a live session five times a second: what the clients were told, what the database and the
 * topic hold, which services are up; and draws the journeys of the last few transactions. Each
 * sample goes to the listener, which sends it to every page that watches.
 */
final class Watcher implements AutoCloseable {

  static final long PERIOD_MILLIS = 200;
  private static final int JOURNEYS = 6;
  private static final Logger log = LoggerFactory.getLogger(Watcher.class);

  interface Listener {
    void sampled(Sample sample, String journeys);
  }

  private final Session session;
  private final LongSupplier requested;
  private final LongSupplier heldBack;
  private final Listener listener;
  private final DatabaseGauge database;
  private final TopicTail topic;
  private final boolean relayPublishes;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "live-watcher");
            thread.setDaemon(true);
            return thread;
          });
  private DatabaseGauge.Counts last = new DatabaseGauge.Counts(0, null, 0, 0);

  Watcher(Session session, LongSupplier requested, LongSupplier heldBack, Listener listener) {
    this.session = session;
    this.requested = requested;
    this.heldBack = heldBack;
    this.listener = listener;
    this.database = new DatabaseGauge(session.runSpace(), session.deployment());
    this.topic =
        new TopicTail(session.runSpace().directKafka(), session.runSpace().topics().events());
    this.relayPublishes = !session.strategy().name().equals("naive");
    ticker.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      List<Op> ops = session.history().ops();
      long ok = 0;
      long refused = 0;
      long unknown = 0;
      Set<UUID> recent = new LinkedHashSet<>();
      for (int i = ops.size() - 1; i >= 0; i--) {
        Op op = ops.get(i);
        if (!op.isClient()) {
          continue;
        }
        switch (op.type()) {
          case OK -> ok++;
          case FAIL -> refused++;
          case INFO -> unknown++;
          case INVOKE -> {
            if (recent.size() < JOURNEYS) {
              recent.add(op.transactionId());
            }
          }
        }
      }
      String trouble = null;
      Truth rows = new Truth(List.of(), List.of(), List.of());
      try {
        last = database.counts();
        rows = recent.isEmpty() ? rows : database.rowsOf(recent);
      } catch (SQLException e) {
        trouble = "PostgreSQL does not answer: " + e.getMessage();
      }
      Sample sample =
          new Sample(
              session.history().now() / 1e9,
              System.currentTimeMillis(),
              requested.getAsLong(),
              heldBack.getAsLong(),
              ok,
              refused,
              unknown,
              last.committed(),
              topic.records(),
              last.checked(),
              last.pending(),
              last.newestCommit(),
              trouble,
              services());
      listener.sampled(sample, journeys(ops, recent, rows));
    } catch (RuntimeException e) {
      // one failed sample must not end the page's updates
      log.warn("live sample failed: {}", e.toString());
    }
  }

  private String journeys(List<Op> ops, Set<UUID> recent, Truth rows) {
    List<Op> theirs = ops.stream().filter(op -> recent.contains(op.transactionId())).toList();
    List<Truth.Published> published = new ArrayList<>();
    recent.forEach(id -> published.addAll(topic.of(id)));
    Truth truth = new Truth(rows.committed(), published, rows.checks());
    return LiveJourneys.html(theirs, truth, relayPublishes, session.history().startedAt());
  }

  private List<Sample.ServiceState> services() {
    List<Sample.ServiceState> states = new ArrayList<>();
    for (Service service : session.services()) {
      states.add(
          new Sample.ServiceState(
              service.name(),
              service.component().label(),
              service.isUp(),
              service.crashPoints().stream().map(p -> p.name()).toList()));
    }
    return states;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    topic.close();
    database.close();
  }
}
