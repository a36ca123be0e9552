package dualwrite.chaos.report;

import dualwrite.chaos.history.FaultSpan;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fault windows and crashes of a history, as the report draws them: the history's {@link
 * FaultSpan}s that took effect. A network fault lasts from its injection to the heal of its link; a
 * crashed or killed service is down until it restarts; a stopped or paused server until it starts
 * or resumes. A window still open at the end of the history ends there, unhealed.
 *
 * @param windows in the order they opened
 * @param crashes the moments a service died: a crash point fired, or a kill
 */
record FaultWindows(List<Window> windows, List<Crash> crashes) {

  /** What kind of thing was broken. */
  enum Kind {
    NETWORK,
    SERVICE,
    SERVER
  }

  /**
   * A stretch of time during which something was broken.
   *
   * @param fault how the nemesis wrote it: {@code down(bank->kafka)}, {@code bank down}
   * @param endedBy the nemesis step that ended it, or null when nothing did
   */
  record Window(String fault, Kind kind, long startNanos, long endNanos, String endedBy) {
    boolean healed() {
      return endedBy != null;
    }
  }

  /** A service died: {@code crash(bank, after-db-commit)} or {@code kill(relay)}. */
  record Crash(String what, long atNanos) {}

  static FaultWindows of(List<Op> history) {
    List<Window> windows = new ArrayList<>();
    List<Crash> crashes = new ArrayList<>();
    for (FaultSpan span : FaultSpan.of(history)) {
      if (!span.tookEffect()) {
        continue; // an armed point never reached: nothing was broken
      }
      Step step = span.step();
      long from = span.startNanos();
      if (step instanceof Step.Inject inject) {
        windows.add(window(inject.fault().describe(), Kind.NETWORK, span));
      } else if (step instanceof Step.FaultAt at) {
        windows.add(window(at.fault().describe(), Kind.NETWORK, span));
      } else if (step instanceof Step.Crash crash) {
        crashes.add(new Crash("crash(" + crash.service() + ", " + crash.point() + ")", from));
        windows.add(window(crash.service() + " down", Kind.SERVICE, span));
      } else if (step instanceof Step.Kill kill) {
        crashes.add(new Crash(kill.describe(), from));
        windows.add(window(kill.service() + " down", Kind.SERVICE, span));
      } else if (step instanceof Step.ServerFault server) {
        if (server.action() == Step.ServerFault.Action.KILL) {
          crashes.add(new Crash(server.describe(), from));
        }
        windows.add(window(server.describe(), Kind.SERVER, span));
      }
      // a stall is a pause in one thread, not an outage: it shows as its nemesis steps
    }
    windows.sort(Comparator.comparingLong(Window::startNanos));
    return new FaultWindows(List.copyOf(windows), List.copyOf(crashes));
  }

  private static Window window(String fault, Kind kind, FaultSpan span) {
    return new Window(fault, kind, span.startNanos(), span.endNanos(), span.endedBy());
  }
}
