package dualwrite.chaos.bench;

import dualwrite.chaos.bench.BenchResults.EnvironmentFigures;
import dualwrite.chaos.env.EmbeddedEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * How long a second embedded environment takes to start cold (initdb, a fresh broker) and warm (its
 * data kept), and the memory its servers and the lab take.
 */
final class EnvironmentStarts {

  private EnvironmentStarts() {}

  /** Cold start (initdb, fresh broker) and warm start (data kept) of a second environment. */
  static EnvironmentFigures measure(int brokers) throws IOException {
    Path home = Path.of("target", "bench-env").toAbsolutePath();
    deleteRecursively(home);
    long started = System.nanoTime();
    double postgresMiB;
    double brokerMiB;
    try (EmbeddedEnvironment cold = EmbeddedEnvironment.start(home, brokers)) {
      long coldMs = (System.nanoTime() - started) / 1_000_000;
      postgresMiB = Memory.pssMiB(cold.postgresProcesses());
      brokerMiB = Memory.pssMiB(cold.brokerProcesses().stream().map(ProcessHandle::pid).toList());
      cold.close();
      started = System.nanoTime();
      try (EmbeddedEnvironment warm = EmbeddedEnvironment.start(home, brokers)) {
        long warmMs = (System.nanoTime() - started) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        double labMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
        return new EnvironmentFigures(coldMs, warmMs, postgresMiB, brokerMiB, labMiB, brokers);
      }
    } finally {
      deleteRecursively(home);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
