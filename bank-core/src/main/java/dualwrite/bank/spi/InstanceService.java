package dualwrite.bank.spi;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Service} whose every start launches a fresh {@link Instance}. Subclasses only say how to
 * launch one; the lifecycle, and dying at a crash point, live here.
 *
 * @param <I> the kind of instance
 */
public abstract class InstanceService<I extends Instance> implements Service {

  private static final Logger log = LoggerFactory.getLogger(InstanceService.class);

  private final String name;
  private final Component component;
  private final Crashes crashes;
  private final List<CrashPoint> crashPoints;
  private volatile I current;

  protected InstanceService(
      String name, Component component, Crashes crashes, List<CrashPoint> crashPoints) {
    this.name = Objects.requireNonNull(name, "name");
    this.component = Objects.requireNonNull(component, "component");
    this.crashes = Objects.requireNonNull(crashes, "crashes");
    this.crashPoints = List.copyOf(crashPoints);
  }

  /**
   * Launches a fresh instance. Its code passes crash points through {@code tripwire}.
   *
   * @throws RuntimeException when it cannot start (the harness retries later)
   */
  protected abstract I launch(Tripwire tripwire);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Component component() {
    return component;
  }

  @Override
  public final List<CrashPoint> crashPoints() {
    return crashPoints;
  }

  @Override
  public final synchronized void start() {
    if (current != null && current.alive()) {
      return;
    }
    if (current != null) {
      log.warn("{} had stopped by itself; starting a fresh instance", name);
      current.kill();
      current = null;
    }
    AtomicReference<I> self = new AtomicReference<>();
    I instance = launch(crashes.tripwire(() -> died(self.get())));
    self.set(instance);
    current = instance;
    log.debug("{} started", name);
  }

  @Override
  public final void awaitReady(Duration timeout) {
    I instance = current; // not synchronized: a crash may come while this waits
    if (instance == null) {
      throw new ServiceNotReady(name + " is down");
    }
    boolean ready;
    try {
      ready = instance.awaitReady(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceNotReady(name + ": interrupted while waiting for it to be ready");
    }
    if (ready) {
      return;
    }
    throw new ServiceNotReady(
        current == instance && instance.alive()
            ? name + " was not ready within " + timeout.toMillis() + " ms"
            : name + " stopped before it was ready");
  }

  @Override
  public final void crash() {
    I instance;
    synchronized (this) {
      instance = current;
      current = null;
    }
    if (instance != null) {
      instance.kill();
      log.debug("{} crashed", name);
    }
  }

  @Override
  public final void stop() {
    I instance;
    synchronized (this) {
      instance = current;
      current = null;
    }
    if (instance != null) {
      instance.stop();
    }
  }

  @Override
  public final boolean isUp() {
    I instance = current;
    return instance != null && instance.alive();
  }

  /** The running instance, or null while the service is down. */
  protected final I current() {
    return current;
  }

  /** Called by the instance's tripwire: the instance dies where it stands. */
  private void died(I instance) {
    if (instance == null) {
      return;
    }
    synchronized (this) {
      if (current == instance) {
        current = null;
      }
    }
    instance.kill();
    log.debug("{} died at a crash point", name);
  }

  @Override
  public String toString() {
    return name + (isUp() ? " (up)" : " (down)");
  }
}
