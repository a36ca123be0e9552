package dualwrite.bank.spi;

import dualwrite.bank.Component;
import dualwrite.bank.crash.CrashPoint;
import java.time.Duration;
import java.util.List;

/**
 * A running component of a deployment (the bank, a relay, the fraud service) that the nemesis can
 * crash and the harness can restart. A restart brings up a fresh instance that knows only what the
 * servers kept.
 */
public interface Service {

  /** Unique within its deployment: {@code bank}, {@code relay-2}, {@code fraud}. */
  String name();

  Component component();

  /** The crash points its code passes. */
  List<CrashPoint> crashPoints();

  /**
   * Starts a fresh instance; does nothing while one is up. Returns at once, before the instance is
   * ready: a restart in the middle of a scenario may meet a fault that keeps it from ever being
   * ready, and must not hang there. Whoever needs it ready calls {@link #awaitReady}.
   */
  void start();

  /**
   * Waits until the running instance is ready to do its job (see {@link Instance#awaitReady}). The
   * harness calls it once, after deploying and before any traffic or fault.
   *
   * @throws ServiceNotReady when the service is down, stops before it is ready, or is not ready
   *     within {@code timeout}
   */
  void awaitReady(Duration timeout);

  /**
   * Kills the instance now, as SIGKILL would: what it holds in memory is lost, open transactions
   * are abandoned, its threads stop. Does nothing while it is down.
   */
  void crash();

  /** Stops the instance in an orderly way: it finishes or abandons what it holds, then stops. */
  void stop();

  boolean isUp();
}
