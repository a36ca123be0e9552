package dualwrite.bank.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The harness's switchboard of crash points for one deployment. The harness {@link #arm arms} a
 * point; the component's code passes points through its {@link Tripwire}; the nth pass of an armed
 * point kills the component there.
 */
public final class Crashes {

  private final Map<CrashPoint, Armed> armed = new ConcurrentHashMap<>();
  private final List<Consumer<CrashPoint>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Arms a point: the {@code nth} time any instance of its component passes it from now on, that
   * instance dies. A point fires once, then is disarmed.
   *
   * @throws IllegalArgumentException when {@code nth} is not positive
   */
  public void arm(CrashPoint point, int nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth must be 1 or more: " + nth);
    }
    armed.put(point, new Armed(new AtomicInteger(nth), null));
  }

  /**
   * Arms a point with an action instead of a death: the {@code nth} time it is passed, {@code
   * action} runs right there, in the component's thread, and the component carries on. The nemesis
   * uses it to cut a link at an exact moment, such as between a COMMIT and its answer.
   */
  public void armAction(CrashPoint point, int nth, Runnable action) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth must be 1 or more: " + nth);
    }
    armed.put(point, new Armed(new AtomicInteger(nth), action));
  }

  /**
   * Disarms every point.
   *
   * @return the points it disarmed: armed, and not fired. A point that fires at the same moment is
   *     either fired (and not returned) or disarmed (and returned), never both.
   */
  public List<CrashPoint> disarmAll() {
    List<CrashPoint> disarmed = new ArrayList<>();
    for (Map.Entry<CrashPoint, Armed> entry : armed.entrySet()) {
      if (armed.remove(entry.getKey(), entry.getValue())) {
        disarmed.add(entry.getKey());
      }
    }
    return disarmed;
  }

  /** The points still armed. */
  public List<CrashPoint> armedPoints() {
    return new ArrayList<>(armed.keySet());
  }

  /**
   * Calls {@code listener} with each point as it kills a component (the harness records the crash
   * in the history). A point armed with an action does not count: the action speaks for itself.
   */
  public void onFire(Consumer<CrashPoint> listener) {
    listeners.add(listener);
  }

  /**
   * A tripwire for one component instance.
   *
   * @param die kills the instance: drops what it holds in memory, abandons open transactions and
   *     stops its threads. It runs before {@link Crash} is thrown, so nothing the crashing thread
   *     does while unwinding can reach the outside world.
   */
  public Tripwire tripwire(Runnable die) {
    return new Tripwire(this, die);
  }

  /** What a pass of a point does: nothing (null), a death, or an action. */
  Armed fire(CrashPoint point) {
    Armed entry = armed.get(point);
    if (entry == null || entry.remaining().decrementAndGet() != 0) {
      return null;
    }
    if (!armed.remove(point, entry)) {
      return null;
    }
    if (entry.kills()) {
      listeners.forEach(listener -> listener.accept(point));
    }
    return entry;
  }

  /** An armed point: how many passes to go, and the action (null for a death). */
  record Armed(AtomicInteger remaining, Runnable action) {
    boolean kills() {
      return action == null;
    }
  }
}
