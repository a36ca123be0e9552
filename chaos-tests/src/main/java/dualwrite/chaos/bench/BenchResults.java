package dualwrite.chaos.bench;

import java.time.Instant;
import java.util.List;

/**
 * What one benchmark run measured, as written to {@code bench.json}. Times in milliseconds, rates
 * per second.
 *
 * @param at when it ran
 * @param machine processors and memory of the machine, for whoever compares numbers
 * @param threads client threads that recorded transactions
 * @param baseline a bare single-row insert and commit through the same link, with as many threads
 * @param ledgerBaseline the bank's own transaction (account sequence and ledger row) with no event
 *     at all: what recording costs before any strategy adds to it
 * @param variants per strategy variant
 * @param environment start-up time and memory of the embedded environment
 */
public record BenchResults(
    Instant at,
    String machine,
    int threads,
    Throughput baseline,
    Throughput ledgerBaseline,
    List<VariantFigures> variants,
    EnvironmentFigures environment) {

  /** Operations per second, and their latency. */
  public record Throughput(double perSecond, double p50, double p99, long operations) {}

  /**
   * @param variant {@code outbox/polling}
   * @param fix whether it is a fix or a naive foil
   * @param recording recording transactions as fast as the clients can
   * @param ofBaseline recording throughput as a share of the single-row baseline's
   * @param ofLedger recording throughput as a share of the ledger-only baseline's
   * @param drainPerSecond how fast its relay publishes a backlog once it is ready (null without a
   *     relay)
   * @param relayStartMs from starting its relays in front of the backlog until they were ready (for
   *     CDC: the engine runs and the slot streams; polling: its first batch is out); null without a
   *     relay
   * @param backlog how many events the backlog held
   * @param steadyRate transactions per second offered for the lag figures
   * @param lagP50 commit to fraud check, median, at the steady rate
   * @param lagP99 commit to fraud check, 99th percentile
   */
  public record VariantFigures(
      String variant,
      boolean fix,
      Throughput recording,
      double ofBaseline,
      double ofLedger,
      Double drainPerSecond,
      Long relayStartMs,
      Integer backlog,
      int steadyRate,
      double lagP50,
      double lagP99) {}

  /**
   * @param coldStartMs first start: initdb, a fresh broker
   * @param warmStartMs second start on the same folder
   * @param postgresMiB proportional set size of PostgreSQL's processes, idle
   * @param brokerMiB the brokers' JVMs together
   * @param labMiB this JVM's heap in use
   * @param brokers how many Kafka brokers were started
   */
  public record EnvironmentFigures(
      long coldStartMs,
      long warmStartMs,
      double postgresMiB,
      double brokerMiB,
      double labMiB,
      int brokers) {}
}
