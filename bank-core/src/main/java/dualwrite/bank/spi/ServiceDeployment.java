package dualwrite.bank.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment made of services: the bank first, then whatever the strategy runs beside it.
 *
 * @param bank the bank service, which clients call
 * @param others the other services (relays), possibly none
 * @param backlog how to count what is still to be published
 */
public record ServiceDeployment(BankService<?> bank, List<Service> others, Backlog backlog)
    implements Deployment {

  /** Counts the events a strategy has recorded but not yet handed to Kafka. */
  @FunctionalInterface
  public interface Backlog {
    long count(Connection direct) throws SQLException;

    /** For strategies that keep no record of what they did not send. */
    Backlog NONE = direct -> 0;
  }

  public ServiceDeployment {
    others = List.copyOf(others);
  }

  /**
   * Starts every service, the bank last, so that the relays are on their way before anything is
   * recorded. It does not wait for them to be ready: {@link #awaitReady} does.
   */
  public static ServiceDeployment start(
      BankService<?> bank, List<Service> others, Backlog backlog) {
    ServiceDeployment deployment = new ServiceDeployment(bank, others, backlog);
    others.forEach(Service::start);
    bank.start();
    return deployment;
  }

  @Override
  public List<Service> services() {
    List<Service> all = new ArrayList<>();
    all.add(bank);
    all.addAll(others);
    return all;
  }

  @Override
  public long backlog(Connection direct) throws SQLException {
    return backlog.count(direct);
  }

  /** Stops the bank first, then the rest, so that the relays can drain what the bank recorded. */
  @Override
  public void close() {
    bank.stop();
    others.forEach(Service::stop);
  }
}
