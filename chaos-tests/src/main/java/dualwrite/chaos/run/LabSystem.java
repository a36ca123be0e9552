package dualwrite.chaos.run;

import dualwrite.bank.Bank;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.fraud.FraudRule;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.env.RunSpace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The system under test: a run space (its own database, with the variant's schema, and its own
 * topics), the strategy variant deployed in it (the bank and its relays) and the fraud service that
 * consumes the events. A run, the benchmark, the live lab and the test fixtures all start the
 * system this way, so the services start in one order and are stopped in one order.
 */
public final class LabSystem implements AutoCloseable {

  private final RunSpace space;
  private final Deployment deployment;
  private final FraudDetectionService fraud;
  private final long deployedAt;
  private Duration readyAfter;

  private LabSystem(
      RunSpace space, Deployment deployment, FraudDetectionService fraud, long deployedAt) {
    this.space = space;
    this.deployment = deployment;
    this.fraud = fraud;
    this.deployedAt = deployedAt;
  }

  /**
   * Starts the fraud service (unless {@code consumer} is null) and deploys the variant in the run
   * space, which the system then owns. It does not wait for the services: see {@link #awaitReady}.
   * On failure everything started is stopped and the run space closed.
   */
  public static LabSystem deploy(
      RunSpace space,
      DualWriteStrategy strategy,
      Variant variant,
      Crashes crashes,
      ConsumerMode consumer) {
    long deployedAt = System.nanoTime();
    FraudDetectionService fraud = null;
    try {
      if (consumer != null) {
        fraud = new FraudDetectionService(space, crashes, consumer, FraudRule.DEFAULT);
        fraud.start();
      }
      return new LabSystem(space, strategy.deploy(variant, space, crashes), fraud, deployedAt);
    } catch (RuntimeException | Error e) {
      if (fraud != null) {
        fraud.stop();
      }
      space.close();
      throw e;
    }
  }

  /**
   * Waits until every service is ready: a relay connected and leading, the fraud service assigned
   * its partitions. Until then a fault could hit nothing, and a measurement would count the start.
   *
   * @throws dualwrite.bank.spi.ServiceNotReady when one is not ready in time
   */
  public LabSystem awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    deployment.awaitReady(timeout);
    if (fraud != null) {
      fraud.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    readyAfter = Duration.ofNanos(System.nanoTime() - deployedAt);
    return this;
  }

  /** From the deploy until every service was ready, or null before {@link #awaitReady}. */
  public Duration readyAfter() {
    return readyAfter;
  }

  public RunSpace space() {
    return space;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Bank bank() {
    return deployment.bank();
  }

  /** The fraud service, or null when the system runs without one. */
  public FraudDetectionService fraud() {
    return fraud;
  }

  /** The variant's services, then the fraud service. */
  public List<Service> services() {
    List<Service> all = new ArrayList<>(deployment.services());
    if (fraud != null) {
      all.add(fraud);
    }
    return List.copyOf(all);
  }

  /** Stops every service; the run space stays, for reading the truth. */
  public void stop() {
    try {
      deployment.close();
    } finally {
      if (fraud != null) {
        fraud.stop();
      }
    }
  }

  /** Stops every service and drops the run space now. */
  @Override
  public void close() {
    try {
      stop();
    } finally {
      space.close();
    }
  }
}
