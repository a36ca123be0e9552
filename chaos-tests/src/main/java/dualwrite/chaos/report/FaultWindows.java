package dualwrite.chaos.report;

import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fault windows and crashes of a history, read from the nemesis's operations: a network fault
 * lasts from its injection to the heal of its link, a {@code heal-all} or the final {@code heal
 * everything}; a crashed or killed service is down until it restarts; a stopped or paused server
 * until it starts or resumes. A window still open at the end of the history ends there, unhealed.
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
    Reader reader = new Reader();
    history.stream().filter(op -> !op.isClient()).forEach(reader::read);
    long end = history.stream().mapToLong(Op::timeNanos).max().orElse(0);
    return reader.finish(end);
  }

  /** Walks the nemesis's operations, pairing each invoke with its completion. */
  private static final class Reader {
    private final Map<String, Op> invoked = new HashMap<>();
    private final Map<String, Boolean> armedToKill = new HashMap<>();
    private final List<Open> open = new ArrayList<>();
    private final List<Window> closed = new ArrayList<>();
    private final List<Crash> crashes = new ArrayList<>();

    /** A window not yet closed; {@code target} is the link, service or server it hit. */
    private record Open(String fault, Kind kind, String target, long startNanos) {}

    void read(Op op) {
      String key = op.f() + "|" + op.value();
      switch (op.type()) {
        case INVOKE -> invoked.put(key, op);
        case INFO -> {
          if ("crashed".equals(op.f())) {
            crashed(op.value(), op.timeNanos());
          }
        }
        case OK -> {
          Op invoke = invoked.remove(key);
          took(op.f(), op.value(), invoke == null ? op.timeNanos() : invoke.timeNanos());
        }
        case FAIL -> invoked.remove(key); // the step did not happen: nothing opened or closed
      }
    }

    private void took(String f, String value, long at) {
      switch (f) {
        case "inject" -> open.add(new Open(value, Kind.NETWORK, linkOf(value), at));
        case "heal" -> {
          boolean all = "heal-all".equals(value);
          String link = all ? null : linkOf(value);
          close(w -> w.kind() == Kind.NETWORK && (all || w.target().equals(link)), at, value);
        }
        case "heal-everything" -> close(w -> true, at, value);
        case "arm-crash" -> armedToKill.put(pointOf(value), true);
        case "arm-fault" -> armedToKill.put(pointOf(value), false);
        case "kill" -> {
          String service = argument(value);
          crashes.add(new Crash(value, at));
          open.add(new Open(service + " down", Kind.SERVICE, service, at));
        }
        case "restart" -> {
          String service = argument(value);
          close(w -> w.kind() == Kind.SERVICE && sameService(w.target(), service), at, value);
        }
        case "server-stop", "server-stop-immediate", "server-kill", "server-pause" -> {
          open.add(new Open(value, Kind.SERVER, argument(value), at));
          if (f.equals("server-kill")) {
            crashes.add(new Crash(value, at));
          }
        }
        case "server-start", "server-resume" -> {
          String server = argument(value);
          close(w -> w.kind() == Kind.SERVER && w.target().equals(server), at, value);
        }
        default -> {
          // waits and anything a later nemesis adds: no window
        }
      }
    }

    /** A crash point fired: {@code bank:after-db-commit}. An armed fault fires through it too. */
    private void crashed(String point, long at) {
      Boolean kills = armedToKill.remove(point);
      if (Boolean.FALSE.equals(kills)) {
        return; // a fault armed at this point: its injection follows and opens the window
      }
      int colon = point.indexOf(':');
      String service = colon < 0 ? point : point.substring(0, colon);
      String where = colon < 0 ? "" : ", " + point.substring(colon + 1);
      crashes.add(new Crash("crash(" + service + where + ")", at));
      open.add(new Open(service + " down", Kind.SERVICE, service, at));
    }

    private void close(Predicate<Open> which, long at, String endedBy) {
      for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
        Open window = it.next();
        if (which.test(window)) {
          closed.add(new Window(window.fault(), window.kind(), window.startNanos(), at, endedBy));
          it.remove();
        }
      }
    }

    FaultWindows finish(long end) {
      for (Open window : open) {
        closed.add(
            new Window(window.fault(), window.kind(), window.startNanos(), Math.max(end, 0), null));
      }
      closed.sort(Comparator.comparingLong(Window::startNanos));
      return new FaultWindows(List.copyOf(closed), List.copyOf(crashes));
    }
  }

  /** {@code latency(relay->kafka, 300ms)} and {@code heal(relay->kafka)} both hit relay->kafka. */
  static String linkOf(String description) {
    String inside = argument(description);
    int cut = inside.length();
    for (char c : new char[] {',', ' '}) {
      int at = inside.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return inside.substring(0, cut);
  }

  /** {@code crash(bank, after-db-commit #3)} and {@code at(bank, before-commit #2: ...)}. */
  private static String pointOf(String description) {
    String inside = argument(description);
    String[] parts = inside.split(",", 2);
    String point = parts.length < 2 ? "" : parts[1].trim();
    int end = point.indexOf(' ');
    return parts[0].trim() + ":" + (end < 0 ? point : point.substring(0, end));
  }

  /** What is between the first parentheses: {@code restart(bank)} gives {@code bank}. */
  private static String argument(String description) {
    int open = description.indexOf('(');
    int close = description.lastIndexOf(')');
    return open < 0 || close < open ? description : description.substring(open + 1, close);
  }

  /** {@code relay} names {@code relay-1}, its first instance, and the other way round. */
  private static boolean sameService(String down, String restarted) {
    return down.equals(restarted)
        || down.startsWith(restarted + "-")
        || restarted.startsWith(down + "-");
  }
}
