package dualwrite.chaos.property;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of trouble a generator may put into a scenario. */
public enum FaultMenu {
  /** Toxics and disabled proxies on any link. */
  LINK_FAULTS,
  /** Deaths at the crash points the services declare, followed by restarts. */
  CRASHES,
  /** Kills from outside, wherever a service happens to be, followed by restarts. */
  KILLS,
  /** The broker killed or frozen, PostgreSQL stopped in immediate mode, then brought back. */
  SERVER_FAULTS;

  /** Everything: what the fixes must survive. */
  public static Set<FaultMenu> everything() {
    return EnumSet.allOf(FaultMenu.class);
  }
}
