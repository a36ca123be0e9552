package dualwrite.chaos.grade;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.crash.CommitHooks;
import dualwrite.bank.crash.Crash;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.LearnerClasses;
import dualwrite.bank.spi.LearnerCode;
import dualwrite.bank.spi.ServiceLoop;
import dualwrite.workshop.OutboxRelay;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a learner's relay: the lab's loop around {@link OutboxRelay#relayOnce}. It hands the
 * learner a connection and a producer with crash points around them, rolls back what the learner
 * leaves open, and after every exception rolls back, closes the producer, pauses and tries again
 * with fresh ones, as the exercise's contract says.
 */
final class LearnerRelay extends ServiceLoop {

  private static final Logger log = LoggerFactory.getLogger(LearnerRelay.class);
  private static final Duration IDLE = Duration.ofMillis(20);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration LONGEST_BACKOFF = Duration.ofMillis(500);

  private final String name;
  private final HikariDataSource pool;
  private final DataSource database;
  private final Map<String, Object> producerSettings;
  private final String topic;
  private final Tripwire tripwire;

  /** This life's {@link OutboxRelay}, from a class loader of its own: no static field survives. */
  private final Object learner = LearnerClasses.fresh(OutboxRelay.class.getName(), Object.class);

  private final Method relayOnce;
  private volatile KafkaProducer<String, byte[]> producer;
  private boolean sentInThisTransaction;

  private LearnerRelay(
      String name,
      HikariDataSource pool,
      Map<String, Object> producerSettings,
      String topic,
      Tripwire tripwire) {
    super("workshop-" + name);
    this.name = name;
    this.pool = pool;
    this.producerSettings = producerSettings;
    this.topic = topic;
    this.tripwire = tripwire;
    this.database =
        CommitHooks.around(
            pool,
            () -> {
              if (sentInThisTransaction) {
                tripwire.pass(LearnerRelayService.AFTER_PUBLISH);
              }
            },
            () -> sentInThisTransaction = false);
    try {
      this.relayOnce =
          learner.getClass().getMethod("relayOnce", Connection.class, Producer.class, String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "OutboxRelay has no public relayOnce(Connection, Producer, String): keep the skeleton's"
              + " signature",
          e);
    }
  }

  static LearnerRelay start(
      String name,
      HikariDataSource pool,
      Map<String, Object> producerSettings,
      String topic,
      Tripwire tripwire) {
    LearnerRelay relay = new LearnerRelay(name, pool, producerSettings, topic, tripwire);
    relay.launch();
    return relay;
  }

  @Override
  protected void serve() throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (isRunning()) {
      Duration pause;
      try {
        int published = once();
        backoff = FIRST_BACKOFF;
        pause = published > 0 ? Duration.ZERO : IDLE;
      } catch (Crash crash) {
        throw crash;
      } catch (Throwable e) { // the learner's code may throw anything; the relay goes on
        if (!isRunning()) {
          break;
        }
        LearnerCode.threw(name, e);
        log.debug("{}: the workshop's relay threw; trying again: {}", name, e.toString());
        dropProducer();
        pause = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : doubled;
      }
      if (isRunning() && !pause.isZero()) {
        pause(pause);
      }
    }
  }

  /** One call of the learner's code, with the transaction it leaves open rolled back. */
  private int once() throws Exception {
    try (Connection connection = database.getConnection()) {
      sentInThisTransaction = false;
      Producer<String, byte[]> handed = producer();
      // ready once the learner's code runs with a connection and a producer, whatever it does
      ready();
      try {
        return (Integer) relayOnce.invoke(learner, connection, handed, topic);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception thrown) {
          throw thrown;
        }
        if (e.getCause() instanceof Error error) {
          throw error; // a Crash among them
        }
        throw e;
      } finally {
        rollbackQuietly(connection);
      }
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // a broken connection: the pool drops it, PostgreSQL rolls back
    }
  }

  /**
   * The producer the learner sends with, fresh after a failure: a proxy whose {@code send} passes
   * the {@code mid-batch} crash point once the record is in the producer's hands.
   */
  @SuppressWarnings("unchecked")
  private synchronized Producer<String, byte[]> producer() {
    if (!isRunning()) {
      // killed between two calls: a dead relay makes no new producer that could still send
      throw new IllegalStateException(name + " is stopping");
    }
    if (producer == null) {
      producer = new KafkaProducer<>(producerSettings);
    }
    KafkaProducer<String, byte[]> current = producer;
    return (Producer<String, byte[]>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Producer.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(current, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("send")) {
                sentInThisTransaction = true;
                tripwire.pass(LearnerRelayService.MID_BATCH);
              } else if (method.getName().equals("close") && producer == current) {
                producer = null; // the learner closed it: the next call gets a fresh one
              }
              return result;
            });
  }

  private synchronized void dropProducer() {
    KafkaProducer<String, byte[]> dropped = producer;
    producer = null;
    if (dropped != null) {
      dropped.close(Duration.ZERO); // drops what it still holds, as a dead process would
    }
  }

  /** Dies as a killed process would: the producer's buffer dropped, the transaction abandoned. */
  @Override
  protected void dropAtOnce() {
    pool.close(); // aborts the open connection: PostgreSQL rolls back
    dropProducer(); // after the loop was told to stop, producer() makes no new one
    interruptThread();
  }

  @Override
  protected void closeAfterStop() {
    KafkaProducer<String, byte[]> last;
    synchronized (this) {
      last = producer;
      producer = null;
    }
    if (last != null) {
      last.close(Duration.ofSeconds(5));
    }
    pool.close();
  }
}
