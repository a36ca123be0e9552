package dualwrite.bank.spi;

import dualwrite.bank.Bank;
import dualwrite.bank.BankUnavailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** A strategy variant, running: the bank its clients call and the services behind it. */
public interface Deployment extends AutoCloseable {

  /** What clients call. While the bank service is down, calls fail with {@link BankUnavailable}. */
  Bank bank();

  /** Every service of the deployment (the bank first), which the nemesis may crash. */
  List<Service> services();

  /**
   * How many recorded events the strategy still has to hand to Kafka: unpublished outbox rows,
   * ledger entries past the relay's position. Zero for a strategy that keeps no such record: what
   * it did not send is simply gone. The harness waits for zero (after healing) before it checks.
   *
   * @param direct a fault-free connection to the run's database
   */
  long backlog(Connection direct) throws SQLException;

  /**
   * Waits until every service is ready to do its job, all within {@code timeout}: the services
   * start side by side, so the slowest one sets the wait.
   *
   * @throws ServiceNotReady naming the first service that is not ready in time
   */
  default void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Service service : services()) {
      service.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  /** Stops every service. */
  @Override
  void close();
}
