package dualwrite.chaos.live;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live lab's one session at a time, and what every watching page is told: the session's state
 * when it changes, a sample five times a second, the verdict when it is checked. Several tabs watch
 * the same session; whoever acts, acts on it.
 */
public final class LiveLab implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveLab.class);

  private volatile Runner runner;
  private final Broadcast broadcast = new Broadcast();
  private String status = "none";
  private LiveSession session;

  /** The session checked last: its actions and bands stay on the page with its verdict. */
  private LiveSession checked;

  private String variant;
  private String consumer;
  private String runId;
  private CheckedView verdict;
  private String error;
  private final List<Sample> series = new ArrayList<>();
  private String journeys = "";

  /** A lab whose environment is still starting: it takes sessions once {@link #attach}ed. */
  public LiveLab() {}

  public LiveLab(Runner runner) {
    this.runner = runner;
  }

  /** The environment is up: sessions may start. */
  public void attach(Runner ready) {
    this.runner = ready;
  }

  public Broadcast broadcast() {
    return broadcast;
  }

  /**
   * Starts a session: deploys the variant with the consumer and starts its traffic.
   *
   * @throws IllegalArgumentException for an unknown variant, consumer or rate
   * @throws Conflict while another session runs
   */
  public LiveState start(String variantName, String consumerLabel, int rate) {
    Strategies.Choice choice = Strategies.parse(required(variantName, "variant"));
    ConsumerMode mode =
        consumerLabel == null ? ConsumerMode.IDEMPOTENT : ConsumerMode.fromLabel(consumerLabel);
    if (rate < 0 || rate > Traffic.MAX_RATE) {
      throw new IllegalArgumentException(
          "the rate is transactions per second, from 0 to " + Traffic.MAX_RATE + ": " + rate);
    }
    synchronized (this) {
      if (runner == null) {
        throw new Conflict("the environment is still starting: try again in a few seconds");
      }
      if (status.equals("starting") || status.equals("running") || status.equals("checking")) {
        throw new Conflict("a session is " + status + " (" + variant + "): one at a time");
      }
      status = "starting";
      variant = choice.toString();
      consumer = mode.label();
      runId = null;
      verdict = null;
      error = null;
      series.clear();
      journeys = "";
      checked = null;
    }
    broadcast.send(ServerSentEvent.of("series", List.of()));
    publishState();
    LiveSession started;
    try {
      started = new LiveSession(runner, choice, mode, rate, this::sampled);
    } catch (RuntimeException e) {
      log.warn("the live session could not start: {}", e.toString());
      synchronized (this) {
        status = "failed";
        error = "could not start " + choice + ": " + e.getMessage();
      }
      publishState();
      throw e;
    }
    synchronized (this) {
      session = started;
      runId = started.runId();
      status = "running";
    }
    return publishState();
  }

  /**
   * @throws Conflict when no session runs
   */
  public LiveState rate(int perSecond) {
    running().rate(perSecond);
    return publishState();
  }

  /**
   * @throws Conflict when no session runs
   */
  public ActionTaken act(LiveAction action) {
    LiveSession running = running();
    try {
      return running.act(action);
    } finally {
      publishState();
    }
  }

  /**
   * Heals everything, settles, checks the session and writes its run folder.
   *
   * @throws Conflict when no session runs
   */
  public LiveState check() {
    LiveSession checking;
    synchronized (this) {
      checking = running();
      status = "checking";
    }
    publishState();
    try {
      RunResult result = checking.healAndCheck();
      CheckedView view = CheckedView.of(result, checking);
      synchronized (this) {
        verdict = view;
        status = "checked";
        session = null;
        this.checked = checking;
      }
    } catch (RuntimeException e) {
      log.warn("the live session could not be checked", e);
      checking.close();
      synchronized (this) {
        status = "failed";
        error = "the check failed: " + e.getMessage();
        session = null;
      }
    }
    return publishState();
  }

  /** Ends the running session without a check, if one runs. */
  public LiveState stop() {
    LiveSession stopping;
    synchronized (this) {
      stopping = session;
      session = null;
      if (stopping != null) {
        status = "none";
      }
    }
    if (stopping != null) {
      stopping.close();
    }
    return publishState();
  }

  public synchronized LiveState state() {
    LiveSession s = session != null ? session : checked;
    return new LiveState(
        status,
        variant,
        consumer,
        runId,
        session == null ? 0 : session.rate(),
        s == null ? List.of() : s.taken(),
        s == null ? List.of() : s.bands(),
        session == null ? List.of() : session.armed(),
        verdict,
        error);
  }

  /** A new watching page, told the state, the samples so far and the journeys first. */
  public synchronized PageWatch watch() {
    return broadcast.watch(catchUp());
  }

  /** What a page that connects now is told first: the state, the samples so far, the journeys. */
  public synchronized List<ServerSentEvent> catchUp() {
    List<ServerSentEvent> events = new ArrayList<>();
    events.add(ServerSentEvent.of("state", state()));
    events.add(ServerSentEvent.of("series", List.copyOf(series)));
    events.add(ServerSentEvent.of("journeys", journeys));
    return events;
  }

  private void sampled(Sample sample, String drawn) {
    synchronized (this) {
      series.add(sample);
      journeys = drawn;
    }
    broadcast.send(ServerSentEvent.of("sample", sample));
    broadcast.send(ServerSentEvent.of("journeys", drawn));
  }

  private LiveState publishState() {
    LiveState now = state();
    broadcast.send(ServerSentEvent.of("state", now));
    return now;
  }

  private synchronized LiveSession running() {
    if (session == null || !status.equals("running")) {
      throw new Conflict(
          "no session is running (the session is "
              + status
              + "): start one first with POST /api/session");
    }
    return session;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return value;
  }

  @Override
  public void close() {
    stop();
    broadcast.close();
  }
}
