package dualwrite.chaos.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** What the comparison found: the matrix, and the runs a reader must not miss. */
record ComparisonOutcomes(
    Map<String, Map<String, String>> matrix,
    List<String> brokenFixes,
    List<String> vacuous,
    List<String> kafkasLosses) {

  void print(PrintWriter out) {
    if (!brokenFixes.isEmpty()) {
      out.println("A FIX BROKE A PROMISE, OR ITS RUN COULD NOT BE JUDGED:");
      brokenFixes.forEach(line -> out.println("  " + line));
    }
    if (!kafkasLosses.isEmpty()) {
      out.println(
          "Kafka broke its own promise (the scenario turned unclean leader election on), so these"
              + " fixes lost events without breaking theirs:");
      kafkasLosses.forEach(line -> out.println("  " + line));
    }
    if (!vacuous.isEmpty()) {
      out.println("RUNS THAT PROVED NOTHING (none of their faults landed):");
      vacuous.forEach(line -> out.println("  " + line));
    }
  }
}
