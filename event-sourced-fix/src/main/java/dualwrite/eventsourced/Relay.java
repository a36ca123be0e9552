package dualwrite.eventsourced;

import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.DatabaseTarget;
import dualwrite.bank.spi.ServiceLoop;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a relay: a thread that waits to become the leader, then reads the ledger past the
 * saved position, publishes what it read, and only then moves the position. Errors never stop it:
 * it backs off and tries again, until it is stopped or dies at a crash point.
 */
final class Relay extends ServiceLoop {

  /** The most entries read, published and passed in one step. */
  static final int BATCH_SIZE = 1000;

  private static final Logger log = LoggerFactory.getLogger(Relay.class);
  private static final Duration IDLE = Duration.ofMillis(20);
  private static final Duration STANDBY = Duration.ofMillis(100);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  private final String name;
  private final DatabaseTarget database;
  private final Map<String, Object> producerSettings;
  private final String topic;
  private final Cursor cursor;
  private final Tripwire tripwire;
  private LeaderLock lock; // guarded by this
  private Publisher publisher; // guarded by this

  private Relay(
      String name,
      DatabaseTarget database,
      Map<String, Object> producerSettings,
      String topic,
      Cursor cursor,
      Tripwire tripwire) {
    super(name);
    this.name = name;
    this.database = database;
    this.producerSettings = producerSettings;
    this.topic = topic;
    this.cursor = cursor;
    this.tripwire = tripwire;
  }

  static Relay start(
      String name,
      DatabaseTarget database,
      Map<String, Object> producerSettings,
      String topic,
      Cursor cursor,
      Tripwire tripwire) {
    Relay relay = new Relay(name, database, producerSettings, topic, cursor, tripwire);
    relay.launch();
    return relay;
  }

  @Override
  protected void serve() throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (isRunning()) {
      Duration pause;
      try {
        pause = step();
        ready(); // connected, and leading (it read the ledger once) or standing by
        backoff = FIRST_BACKOFF;
      } catch (SQLException e) {
        log.debug("{}: database trouble, reconnecting: {}", name, e.toString());
        dropSession();
        pause = backoff;
        backoff = longer(backoff);
      } catch (Publisher.Failed e) {
        log.debug("{}: {}; the batch goes again", name, e.getMessage());
        dropPublisher();
        pause = backoff;
        backoff = longer(backoff);
      } catch (RuntimeException e) {
        if (isRunning()) {
          log.warn("{}: unexpected error, starting over", name, e);
        }
        dropSession();
        dropPublisher();
        pause = backoff;
        backoff = longer(backoff);
      }
      if (isRunning() && !pause.isZero()) {
        TimeUnit.MILLISECONDS.sleep(pause.toMillis());
      }
    }
  }

  @Override
  protected void shutDown() {
    if (killed()) {
      dropSession();
      dropPublisher();
    } else {
      Thread.interrupted(); // the stop's wake-up call must not cut the producer's close short
      closeGracefully();
    }
  }

  /** One turn of the loop; returns how long to wait before the next. */
  private Duration step() throws SQLException, Publisher.Failed, InterruptedException {
    LeaderLock session = session();
    if (!session.held()) {
      if (!session.tryAcquire()) {
        return STANDBY; // another relay leads; try again soon, to take over fast when it dies
      }
      log.info("{} is now the active relay", name);
    }
    // Its producer exists before it says it is ready, so that the first entries it reads do not
    // wait for one to start: in runs without faults the first entry went out 130 to 195 ms after
    // its commit, and 45 to 105 ms once the producer was made here.
    publisher();
    ready(); // connected and leading: what it reads next is the job itself
    List<LedgerEntry> batch = cursor.next(session.session(), BATCH_SIZE);
    if (batch.isEmpty()) {
      return IDLE;
    }
    // region publish-then-save
    List<LedgerEntry> ordered = inVersionOrder(batch);
    int half = ordered.size() / 2;
    publisher().publish(ordered.subList(0, half));
    if (half > 0) {
      tripwire.pass(EventSourcedCrashPoints.MID_BATCH);
    }
    publisher().publish(ordered.subList(half, ordered.size()));
    tripwire.pass(EventSourcedCrashPoints.AFTER_PUBLISH);
    cursor.save(session.session(), batch); // only now: at least once, never skipped
    // endregion publish-then-save
    return Duration.ZERO;
  }

  /**
   * The batch with each account's entries in version order. The cursor's order already agrees (an
   * entry's writer transaction starts after the account's previous entry committed); this makes the
   * order the relay promises not depend on that argument.
   */
  static List<LedgerEntry> inVersionOrder(List<LedgerEntry> batch) {
    List<LedgerEntry> ordered = new ArrayList<>(batch);
    ordered.sort(
        Comparator.comparing(LedgerEntry::accountId).thenComparingLong(LedgerEntry::version));
    return ordered;
  }

  private synchronized LeaderLock session() throws SQLException {
    requireRunning();
    if (lock == null) {
      lock = LeaderLock.connect(database, name);
    }
    return lock;
  }

  private synchronized Publisher publisher() {
    requireRunning();
    if (publisher == null) {
      publisher = new Publisher(producerSettings, topic);
    }
    return publisher;
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is stopping");
    }
  }

  private synchronized void dropSession() {
    if (lock != null) {
      if (lock.held()) {
        log.info("{} is no longer the active relay", name);
      }
      lock.abort();
      lock = null;
    }
  }

  private synchronized void dropPublisher() {
    if (publisher != null) {
      publisher.kill();
      publisher = null;
    }
  }

  private static Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  /** A stop ends the step's waits: the pause between steps, or Kafka's answers. */
  @Override
  protected void unblock() {
    interruptThread();
  }

  /**
   * Dies at once: the session is dropped first, so no position can be saved after this, then the
   * producer with whatever it buffered.
   */
  @Override
  protected void dropAtOnce() {
    dropSession();
    dropPublisher();
    interruptThread(); // ends its waits too
  }

  /** Lets the producer finish sending, then ends the session, which frees the lock. */
  private synchronized void closeGracefully() {
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
