package dualwrite.chaos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Proportional set size of processes, from Linux's /proc: shared pages counted once. */
final class Memory {

  private Memory() {}

  /** The processes' PSS in MiB; 0 where /proc cannot tell (not Linux, gone). */
  static double pssMiB(List<Long> pids) {
    long kib = 0;
    for (long pid : pids) {
      try {
        for (String line :
            Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            kib += Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not Linux
      }
    }
    return kib / 1024.0;
  }
}
