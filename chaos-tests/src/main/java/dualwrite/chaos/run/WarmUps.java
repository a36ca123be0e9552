package dualwrite.chaos.run;

import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.workload.OnThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a variant's code once before the first run that measures it without faults, so that the run
 * measures the strategy and not the Java virtual machine's first pass through its code.
 *
 * <p>A run without faults records thirty transactions, and its delivery lag is the report's figure
 * for the strategy's lag. Measured on an idle 2-core machine, {@code ./lab run outbox/polling
 * no-fault} in a fresh JVM took a median of 183 to 194 ms from commit to fraud check, and 70 to 73
 * ms after this warm-up ({@code ./lab bench --quick}, at a steady rate: 25 ms). The difference is
 * classes loaded and code compiled on the first transactions: a relay in a bank runs for weeks, and
 * pays that once. So, once per JVM and variant, a warm-up deploys the variant in a throwaway run
 * space, records {@value #TRANSACTIONS} transactions from three clients, waits until the fraud
 * service has checked them, and throws the run space away. It writes no run folder and counts in no
 * verdict; when it fails, the run that follows goes ahead anyway and shows whatever is wrong.
 */
final class WarmUps {

  private static final Logger log = LoggerFactory.getLogger(WarmUps.class);

  static final int TRANSACTIONS = 200;

  private static final int CLIENTS = 3;

  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final Set<String> warmed = ConcurrentHashMap.newKeySet();

  /**
   * Warms the variant up unless this JVM did already.
   *
   * @param space opens the throwaway run space
   */
  void once(
      DualWriteStrategy strategy,
      Variant variant,
      ConsumerMode consumer,
      Supplier<RunSpace> space) {
    if (consumer == ConsumerMode.WORKSHOP
        || !warmed.add(strategy.name() + "/" + variant.name() + "/" + consumer.label())) {
      return;
    }
    long started = System.nanoTime();
    try (LabSystem system =
        LabSystem.deploy(space.get(), strategy, variant, new Crashes(), consumer)) {
      system.awaitReady(Runner.READY_TIMEOUT);
      record(system);
      boolean settled =
          Settling.await(
              system.deployment(),
              system.space(),
              FraudDetectionService.groupId(system.space()),
              SETTLE);
      log.info(
          "warmed {}/{} up with {} transactions in {} ms (settled: {})",
          strategy.name(),
          variant.name(),
          TRANSACTIONS,
          (System.nanoTime() - started) / 1_000_000,
          settled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("warming {}/{} up failed: {}", strategy.name(), variant.name(), e.toString());
    }
  }

  /** What this JVM warmed up: {@code strategy/variant/consumer}. */
  Set<String> warmed() {
    return Set.copyOf(warmed);
  }

  private static void record(LabSystem system) throws Exception {
    OnThreads.count(
        () ->
            system
                .bank()
                .record(
                    TransactionRequest.of(
                        "warm-up-" + ThreadLocalRandom.current().nextInt(CLIENTS),
                        TransactionType.DEPOSIT,
                        100,
                        "EUR")),
        CLIENTS,
        TRANSACTIONS);
  }
}
