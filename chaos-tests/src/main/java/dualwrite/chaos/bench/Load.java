package dualwrite.chaos.bench;

import dualwrite.bank.Bank;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.bench.BenchResults.Throughput;
import dualwrite.chaos.workload.OnThreads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/** Drives a bank with transactions: as fast as it goes, at a steady rate, or to a given count. */
final class Load {

  private static final int ACCOUNTS = 64;

  private Load() {}

  /** Something that takes one operation, for the baseline as for a bank. */
  @FunctionalInterface
  interface Operation {
    void run() throws Exception;
  }

  static Operation recording(Bank bank) {
    return () -> bank.record(request());
  }

  static TransactionRequest request() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return TransactionRequest.of(
        "acct-" + random.nextInt(ACCOUNTS),
        TransactionType.DEPOSIT,
        100 + random.nextLong(100_000),
        "EUR");
  }

  /** {@code threads} threads as fast as they can: after a warm-up, ops/s and latency. */
  static Throughput asFastAsPossible(
      Operation operation, int threads, Duration warmUp, Duration measure) throws Exception {
    Recorder latencies = new Recorder(3);
    AtomicLong done = new AtomicLong();
    long warmEnd = System.nanoTime() + warmUp.toNanos();
    long end = warmEnd + measure.toNanos();
    OnThreads.all(
        threads,
        () -> {
          while (true) {
            long started = System.nanoTime();
            if (started >= end) {
              return;
            }
            operation.run();
            long finished = System.nanoTime();
            if (started >= warmEnd) {
              latencies.recordValue((finished - started) / 1000); // microseconds
              done.incrementAndGet();
            }
          }
        });
    var histogram = latencies.getIntervalHistogram();
    return new Throughput(
        done.get() / (measure.toNanos() / 1e9),
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        done.get());
  }

  /** Exactly {@code count} operations over {@code threads} threads. */
  static void count(Operation operation, int threads, int count) throws Exception {
    OnThreads.count(operation::run, threads, count);
  }

  /** {@code rate} operations per second for {@code duration}, started on a fixed schedule. */
  static long steady(Operation operation, int rate, Duration duration) throws Exception {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    ExecutorService workers = Executors.newFixedThreadPool(16);
    AtomicLong started = new AtomicLong();
    long total = rate * duration.toSeconds();
    long periodNanos = 1_000_000_000L / rate;
    try {
      clock.scheduleAtFixedRate(
          () -> {
            if (started.getAndIncrement() < total) {
              workers.submit(
                  () -> {
                    operation.run();
                    return null;
                  });
            }
          },
          0,
          periodNanos,
          TimeUnit.NANOSECONDS);
      while (started.get() < total) {
        Thread.sleep(50);
      }
    } finally {
      clock.shutdownNow();
      workers.shutdown();
      workers.awaitTermination(30, TimeUnit.SECONDS);
    }
    return total;
  }
}
