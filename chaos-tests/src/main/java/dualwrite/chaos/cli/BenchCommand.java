package dualwrite.chaos.cli;

import dualwrite.chaos.bench.BenchResults;
import dualwrite.chaos.bench.BenchSettings;
import dualwrite.chaos.bench.Benchmark;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.Strategies;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures every strategy variant in one run and writes the figures for the report. */
@Command(
    name = "bench",
    description = {
      "Measure every variant's speed in one run.",
      "Recording throughput and latency next to a bare insert baseline, relay drain rate,",
      "commit-to-fraud-check lag at a steady rate, and the environment's start-up and memory;",
      "written to target/lab-runs/bench.json for the report."
    })
final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Option(
      names = "--quick",
      description = "shorter measurements and a 10,000-event backlog, for a first look")
  boolean quick;

  @CommandLine.Mixin VariantsOption variants;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Strategies.Choice> choices = variants.choices();
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    Benchmark benchmark =
        new Benchmark(
            Lab.runner(),
            quick ? BenchSettings.QUICK : BenchSettings.FULL,
            step -> {
              out.println("  " + step);
              out.flush();
            });
    BenchResults results = benchmark.run(choices);
    Files.createDirectories(Lab.RUNS);
    Path file = Lab.RUNS.resolve("bench.json");
    RunFolder.JSON.writeValue(file.toFile(), results);
    print(out, results);
    out.println("Figures: " + file.toAbsolutePath());
    out.println(ReportStep.write(Lab.RUNS, Lab.REPORT));
    out.flush();
    return 0;
  }

  static void print(PrintWriter out, BenchResults results) {
    out.println();
    out.printf("%s; %d client threads%n", results.machine(), results.threads());
    out.printf(
        "baseline (single-row insert + commit): %,.0f tx/s, p50 %.2f ms, p99 %.2f ms%n",
        results.baseline().perSecond(), results.baseline().p50(), results.baseline().p99());
    out.printf(
        "the bank's ledger transaction, no event: %,.0f tx/s, p50 %.2f ms, p99 %.2f ms%n",
        results.ledgerBaseline().perSecond(),
        results.ledgerBaseline().p50(),
        results.ledgerBaseline().p99());
    out.printf(
        "%-28s %8s %8s %8s %8s %8s %11s %9s %9s %9s%n",
        "variant",
        "tx/s",
        "of base",
        "of ledger",
        "p50 ms",
        "p99 ms",
        "drain ev/s",
        "start ms",
        "lag p50",
        "lag p99");
    for (BenchResults.VariantFigures v : results.variants()) {
      out.printf(
          "%-28s %,8.0f %7.0f%% %8.0f%% %8.2f %8.2f %11s %9s %6.1f ms %6.1f ms%n",
          v.variant(),
          v.recording().perSecond(),
          v.ofBaseline() * 100,
          v.ofLedger() * 100,
          v.recording().p50(),
          v.recording().p99(),
          v.drainPerSecond() == null ? "-" : String.format("%,.0f", v.drainPerSecond()),
          v.relayStartMs() == null ? "-" : String.format("%,d", v.relayStartMs()),
          v.lagP50(),
          v.lagP99());
    }
    BenchResults.EnvironmentFigures env = results.environment();
    out.printf(
        "environment: cold start %,d ms, warm start %,d ms; PostgreSQL %.0f MiB, %s %.0f MiB,"
            + " this JVM's heap %.0f MiB%n",
        env.coldStartMs(),
        env.warmStartMs(),
        env.postgresMiB(),
        env.brokers() == 1 ? "broker" : env.brokers() + " brokers together",
        env.brokerMiB(),
        env.labMiB());
  }
}
