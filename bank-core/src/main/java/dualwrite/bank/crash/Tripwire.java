package dualwrite.bank.crash;

/**
 * What a component instance's code calls at each crash point. Passing an unarmed point costs a map
 * lookup; passing an armed one for the nth time kills the instance and throws {@link Crash} (or
 * runs the nemesis's action there, when the point was armed with one).
 */
public final class Tripwire {

  private final Crashes crashes;
  private final Runnable die;

  Tripwire(Crashes crashes, Runnable die) {
    this.crashes = crashes;
    this.die = die;
  }

  /**
   * Passes a crash point.
   *
   * @throws Crash after killing the instance, when the harness armed this point for this pass
   */
  public void pass(CrashPoint point) {
    // region pass
    Crashes.Armed fired = crashes.fire(point);
    if (fired == null) {
      return;
    }
    if (!fired.kills()) {
      fired.action().run();
      return;
    }
    die.run();
    throw new Crash(point);
    // endregion pass
  }
}
