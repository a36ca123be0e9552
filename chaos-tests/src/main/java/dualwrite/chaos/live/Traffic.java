package dualwrite.chaos.live;

import dualwrite.chaos.scenario.ScenarioBuilder;
import dualwrite.chaos.scenario.Step;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steady traffic at a rate a person sets: every 20 ms, as many transactions as the rate owes since
 * it was set, spread over the clients and accounts as a scenario's are. Rate 0 pauses it. A
 * transaction the clients refuse (each still waits for the bank, which a fault holds up) is held
 * back, not queued: a queue would keep sending long after the person healed the fault.
 */
final class Traffic implements AutoCloseable {

  static final int MAX_RATE = 500;
  private static final Logger log = LoggerFactory.getLogger(Traffic.class);
  private static final long TICK_MILLIS = 20;

  private final int clients;
  private final int accounts;
  private final Predicate<Step.Record> send;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "live-traffic");
            thread.setDaemon(true);
            return thread;
          });
  private int rate;
  private long since = System.nanoTime();
  private long owedAtRateChange;
  private long sent;
  private long accepted;

  Traffic(int clients, int accounts, int rate, Predicate<Step.Record> send) {
    this.clients = clients;
    this.accounts = accounts;
    this.send = send;
    setRate(rate);
    ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * @throws IllegalArgumentException for a rate below 0 or above {@value #MAX_RATE}
   */
  synchronized void setRate(int perSecond) {
    if (perSecond < 0 || perSecond > MAX_RATE) {
      throw new IllegalArgumentException(
          "the rate is transactions per second, from 0 to " + MAX_RATE + ": " + perSecond);
    }
    owedAtRateChange = sent;
    since = System.nanoTime();
    rate = perSecond;
  }

  synchronized int rate() {
    return rate;
  }

  /** How many transactions the clients took. */
  synchronized long sent() {
    return accepted;
  }

  /** How many transactions it held back because every client still waited for an answer. */
  synchronized long heldBack() {
    return sent - accepted;
  }

  private void tick() {
    try {
      long owed;
      synchronized (this) {
        owed = owedAtRateChange + (System.nanoTime() - since) * rate / 1_000_000_000L;
      }
      while (true) {
        Step.Record record;
        synchronized (this) {
          if (sent >= owed) {
            return;
          }
          record = ScenarioBuilder.nthRecord((int) sent++, clients, accounts);
        }
        if (send.test(record)) {
          synchronized (this) {
            accepted++;
          }
        }
      }
    } catch (RuntimeException e) {
      // a tick that fails must not end the schedule: the next one tries again
      log.warn("live traffic: {}", e.toString());
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
