package dualwrite.chaos.run;

import dualwrite.bank.crash.CrashPoint;
import dualwrite.chaos.env.RunSpace;

/**
 * Looks at a run at the instant a crash point kills one of its services, for a test that must know
 * exactly what the dying instance had done: which checks it had committed, which records it had
 * published. Timing cannot tell that (the instance may reach its point before or after any step of
 * the scenario); the instant itself can.
 */
@FunctionalInterface
public interface CrashWitness {

  /** Looks at nothing. */
  CrashWitness NONE = (point, run) -> {};

  /**
   * Called in the dying instance's own thread, after everything its code did before the point and
   * before it dies, so nothing of that instance moves meanwhile. Keep it short: until it returns,
   * the instance still counts as up. What it throws is logged, and the instance dies all the same.
   */
  void crashed(CrashPoint point, RunSpace run) throws Exception;
}
