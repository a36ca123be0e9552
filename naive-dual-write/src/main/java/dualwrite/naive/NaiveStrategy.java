package dualwrite.naive;

import dualwrite.bank.crash.Crashes;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.ServiceDeployment;
import dualwrite.bank.spi.Variant;
import java.util.Arrays;
import java.util.List;

/**
 * The naive dual write: the bank writes to PostgreSQL and to Kafka itself, one after the other.
 * There is no transaction that spans both, so every ordering has a moment in which one write has
 * happened and the other has not; a crash or a fault at that moment loses an event or invents one.
 */
public final class NaiveStrategy implements DualWriteStrategy {

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public List<Variant> variants() {
    return Arrays.stream(NaiveVariant.values()).map(NaiveVariant::variant).toList();
  }

  @Override
  public List<String> migrations(Variant variant) {
    return List.of("classpath:db/bank");
  }

  @Override
  public Deployment deploy(Variant variant, Connections connections, Crashes crashes) {
    NaiveBankService bank = new NaiveBankService(NaiveVariant.of(variant), connections, crashes);
    return ServiceDeployment.start(bank, List.of(), ServiceDeployment.Backlog.NONE);
  }
}
