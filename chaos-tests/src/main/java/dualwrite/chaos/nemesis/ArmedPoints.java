package dualwrite.chaos.nemesis;

import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.chaos.history.History;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The crash points a run's steps armed: a crash, a stall or a fault that acts when the service
 * passes its point. Each fire, each disarm and each point still armed after a wait is written to
 * the history, as the step that armed it.
 */
final class ArmedPoints {

  private final Crashes crashes;
  private final History history;
  private final ProxyFaults proxies;

  /**
   * The step that armed each point not yet fired or disarmed: what a fire or a disarm is reported
   * as. Guarded by itself; whoever awaits armed points waits on it.
   */
  private final Map<CrashPoint, Step> armed = new HashMap<>();

  /**
   * Held while a fault is injected at its point, and taken by {@link #disarmAll} to mark the run
   * healed: a fault reached as everything is healed is either in before the proxies are reset, or
   * never injected. (In CI a fraud service reached its point in the same millisecond as the heal of
   * everything; its timeout toxic went in after the reset, closed each new connection of the fraud
   * service for good, and the run did not settle.)
   */
  private final Object injecting = new Object();

  private boolean healed; // guarded by injecting

  ArmedPoints(Crashes crashes, History history, ProxyFaults proxies) {
    this.crashes = crashes;
    this.history = history;
    this.proxies = proxies;
    crashes.onFire(
        point -> {
          Step armedBy = fired(point);
          if (armedBy != null) {
            history.nemesis(Op.Type.INFO, Op.CRASHED, armedBy, null);
          }
        });
  }

  /** Arms a crash, a stall or a fault at its point; a later arm of the point replaces it. */
  void arm(Step.AtPoint step, CrashPoint point) {
    synchronized (armed) {
      Step replaced = armed.put(point, step);
      if (replaced != null) {
        history.nemesis(Op.Type.INFO, Op.DISARMED, replaced, "replaced by " + step.describe());
      }
      if (step instanceof Step.Crash) {
        crashes.arm(point, step.nth());
      } else if (step instanceof Step.Stall stall) {
        crashes.armAction(point, step.nth(), () -> stallHere(point, stall));
      } else if (step instanceof Step.FaultAt at) {
        crashes.armAction(point, step.nth(), () -> faultHere(point, at));
      }
    }
  }

  /** Waits until no point is armed any more, or the time is up; says which are still armed. */
  void await(Step.AwaitArmed await) {
    long deadline = System.nanoTime() + await.maxMillis() * 1_000_000L;
    synchronized (armed) {
      while (!armed.isEmpty() && System.nanoTime() < deadline) {
        try {
          armed.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while awaiting armed points", e);
        }
      }
      if (!armed.isEmpty()) {
        history.nemesis(
            Op.Type.INFO,
            Op.STILL_ARMED,
            await,
            armed.values().stream().map(Step::describe).toList().toString());
      }
    }
  }

  /** Disarms every point still armed: each missed, and is written as never reached. */
  void disarmAll() {
    synchronized (injecting) {
      healed = true; // waits for a fault being injected, which the reset then removes
    }
    // only what was still armed missed: a point that fires right now is reported by its fire
    List<CrashPoint> disarmed = crashes.disarmAll();
    synchronized (armed) {
      for (CrashPoint point : disarmed) {
        Step step = armed.remove(point);
        if (step != null) {
          history.nemesis(Op.Type.INFO, Op.DISARMED, step, "never reached");
        }
      }
      armed.notifyAll();
    }
  }

  /** An armed point fired: whoever awaits armed points looks again. The step that armed it. */
  private Step fired(CrashPoint point) {
    synchronized (armed) {
      Step step = armed.remove(point);
      armed.notifyAll();
      return step;
    }
  }

  private void stallHere(CrashPoint point, Step.Stall stall) {
    fired(point);
    history.nemesis(Op.Type.INVOKE, Op.STALLED, stall, null);
    try {
      Thread.sleep(stall.millis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    history.nemesis(Op.Type.OK, Op.STALLED, stall, null);
  }

  /**
   * Injects an armed fault right where the component is. A fault the proxy refuses is written as
   * failed (it did not land) and never thrown into the component, whose work it is not.
   */
  private void faultHere(CrashPoint point, Step.FaultAt at) {
    synchronized (injecting) {
      fired(point);
      if (healed) {
        // nothing would ever remove a fault injected now
        history.nemesis(Op.Type.INFO, Op.DISARMED, at, "reached as everything was healed");
        return;
      }
      history.nemesis(Op.Type.INVOKE, Op.FAULT_FIRED, at, null);
      try {
        proxies.inject(at.fault());
        history.nemesis(Op.Type.OK, Op.FAULT_FIRED, at, null);
      } catch (RuntimeException e) {
        history.nemesis(Op.Type.FAIL, Op.FAULT_FIRED, at, e.toString());
      }
    }
  }
}
