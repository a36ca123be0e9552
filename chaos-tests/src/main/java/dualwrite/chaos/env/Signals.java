package dualwrite.chaos.env;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals to processes: the JDK can only terminate and kill. */
final class Signals {

  private Signals() {}

  /**
   * Sends {@code signal} (for example {@code STOP}) to each process.
   *
   * @throws UnsupportedOperationException on Windows, which has no such signals
   * @throws IllegalStateException when {@code kill} fails
   */
  static void send(String signal, List<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
      throw new UnsupportedOperationException("SIG" + signal + " needs a POSIX system");
    }
    List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        String output = new String(kill.getInputStream().readAllBytes()).trim();
        throw new IllegalStateException("kill -s " + signal + " " + pids + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -s " + signal + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal, e);
    }
  }

  /** A process and all its descendants, parents first. */
  static List<Long> treeOf(long pid) {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.of(pid)
        .ifPresent(
            root -> {
              pids.add(root.pid());
              root.descendants().forEach(child -> pids.add(child.pid()));
            });
    return pids;
  }
}
