package dualwrite.chaos.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Work spread over a few threads, for loads that are not a scenario's clients: the benchmark's, and
 * the warm-up before a run without faults.
 */
public final class OnThreads {

  private OnThreads() {}

  /** Something that takes one operation. */
  @FunctionalInterface
  public interface Task {
    void run() throws Exception;
  }

  /**
   * Runs {@code task} exactly {@code count} times over {@code threads} threads.
   *
   * @throws java.util.concurrent.ExecutionException when a run failed, with its failure as cause
   */
  public static void count(Task task, int threads, int count) throws Exception {
    AtomicLong left = new AtomicLong(count);
    all(
        threads,
        () -> {
          while (left.decrementAndGet() >= 0) {
            task.run();
          }
        });
  }

  /** Runs {@code worker} on each of {@code threads} threads and returns when all are done. */
  public static void all(int threads, Task worker) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  worker.run();
                  return null;
                }));
      }
      for (Future<?> each : workers) {
        each.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
