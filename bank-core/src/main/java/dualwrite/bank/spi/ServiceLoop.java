package dualwrite.bank.spi;

import com.google.common.util.concurrent.AbstractExecutionThreadService;
import dualwrite.bank.crash.Crash;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Instance} that is one daemon thread running a loop, which can be killed anywhere and
 * started again as a fresh instance. Subclasses write only their work ({@link #serve}, a loop that
 * runs while {@link #isRunning()}), what dies with a kill ({@link #dropAtOnce}) and what closes in
 * order after a stop ({@link #closeAfterStop}); the thread's life is Guava's {@link
 * AbstractExecutionThreadService}.
 *
 * <p>A kill comes from outside, or from the instance's own thread: the tripwire's die callback runs
 * in it at a crash point, then throws {@link Crash}, which ends the loop here. So a kill never
 * waits for its own thread, and never waits long for another.
 */
public abstract class ServiceLoop extends AbstractExecutionThreadService implements Instance {

  private static final Logger log = LoggerFactory.getLogger(ServiceLoop.class);
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final String threadName;
  private final Readiness readiness = new Readiness();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Thread thread;
  private volatile boolean killed;

  /**
   * @param threadName the name of the thread, and of the instance in the logs
   */
  protected ServiceLoop(String threadName) {
    this.threadName = threadName;
  }

  /** Starts the thread. A subclass's factory calls it once the instance is fully built. */
  protected final void launch() {
    startAsync();
  }

  /**
   * The instance's work: a loop that runs while {@link #isRunning()}. A {@link Crash}, or an
   * interrupt, ends it quietly; any other exception ends it with an error in the log (unless the
   * instance was killed), and the instance is then no longer {@link #alive()}.
   */
  protected abstract void serve() throws Exception;

  /**
   * On a kill, from any thread, once the loop was told to stop: drops buffers, aborts links, and
   * then ends the loop's waits that {@link #pause} does not cover. Must not block for long.
   */
  protected void dropAtOnce() {}

  /**
   * On a stop, once the loop was told to stop and before waiting for it: ends a wait of the loop
   * that only ends from outside (an engine to close, a thread to interrupt). May block.
   */
  protected void unblock() {}

  /** On a stop, once the thread ended (or the wait for it passed): closes what is left in order. */
  protected void closeAfterStop() {}

  /** How long a kill from another thread waits for the thread to end. */
  protected Duration killWait() {
    return JOIN;
  }

  /** How long a stop waits for the thread to end. */
  protected Duration stopWait() {
    return JOIN;
  }

  @Override
  protected final void run() {
    try {
      serve();
    } catch (Crash e) {
      // died at a crash point: kill() already ran, nothing more may reach the outside world
    } catch (InterruptedException e) {
      // stopped or killed while it waited; the flag stays clear for the cleanup in shutDown()
    } catch (Exception e) {
      if (!killed) {
        log.error("{} stopped by an unexpected error", threadName, e);
      }
    } finally {
      readiness.never();
    }
  }

  /**
   * Guava's call when the service is told to stop: a stop ends the waits of {@link #pause} at once.
   * A kill ends them only after {@link #dropAtOnce}, so that a loop that wakes finds its links gone
   * and can reach nothing more.
   */
  @Override
  protected final void triggerShutdown() {
    if (!killed) {
      stopping.countDown();
    }
  }

  /**
   * Waits {@code delay}, or less when the instance is told to stop.
   *
   * @return false when the instance is stopping
   */
  protected final boolean pause(Duration delay) throws InterruptedException {
    return !stopping.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The thread says it does its job from now on. */
  protected final void ready() {
    readiness.ready();
  }

  /** Interrupts the instance's thread, unless that is the caller: ends waits no one can wake. */
  protected final void interruptThread() {
    Thread current = thread;
    if (current != null && current != Thread.currentThread()) {
      current.interrupt();
    }
  }

  /** Whether this instance was killed (rather than stopped, or still running). */
  protected final boolean killed() {
    return killed;
  }

  @Override
  protected final String serviceName() {
    return threadName; // Guava names the thread after it while the service runs
  }

  @Override
  protected final Executor executor() {
    return command -> {
      Thread started = new Thread(command, threadName);
      started.setDaemon(true);
      thread = started;
      started.start();
    };
  }

  /** Still running or about to: false once its loop ended, by itself or by a kill or a stop. */
  @Override
  public boolean alive() {
    State state = state();
    return state == State.STARTING || state == State.RUNNING;
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return readiness.await(timeout);
  }

  @Override
  public final void kill() {
    killed = true;
    stopAsync();
    readiness.never();
    dropAtOnce();
    stopping.countDown();
    if (Thread.currentThread() != thread) {
      awaitEnd(killWait());
    }
  }

  @Override
  public final void stop() {
    stopAsync();
    readiness.never();
    unblock();
    awaitEnd(stopWait());
    closeAfterStop();
  }

  private void awaitEnd(Duration timeout) {
    if (timeout.isZero()) {
      return;
    }
    try {
      awaitTerminated(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.debug("{} did not end within {} ms", threadName, timeout.toMillis());
    } catch (IllegalStateException e) {
      // the loop failed with an error: it has ended all the same
    }
  }
}
