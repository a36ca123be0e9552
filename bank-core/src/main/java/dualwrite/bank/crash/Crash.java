package dualwrite.bank.crash;

/**
 * Thrown at an armed crash point after the component has been killed. It is an {@link Error} so
 * that the component's own {@code catch (Exception e)} blocks cannot swallow it and carry on, as a
 * killed process cannot.
 */
public final class Crash extends Error {

  private final transient CrashPoint point;

  public Crash(CrashPoint point) {
    super("crashed at " + point.component() + ":" + point.name(), null, false, false);
    this.point = point;
  }

  public CrashPoint point() {
    return point;
  }
}
