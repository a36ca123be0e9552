package dualwrite.chaos.scenario;

import dualwrite.bank.Component;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a scenario step by step, so a catalogue entry reads like its story. */
public final class ScenarioBuilder {

  private static final TransactionType[] TYPES = {
    TransactionType.DEPOSIT,
    TransactionType.PURCHASE,
    TransactionType.PAYMENT,
    TransactionType.WITHDRAWAL
  };

  private final String name;
  private final String description;
  private final List<Step> steps = new ArrayList<>();
  private int clients = 1;
  private int relays = 1;
  private int counter;

  private ScenarioBuilder(String name, String description) {
    this.name = name;
    this.description = description;
  }

  public static ScenarioBuilder scenario(String name, String description) {
    return new ScenarioBuilder(name, description);
  }

  public static Link link(Component component, Server server) {
    return Link.of(component, server);
  }

  public ScenarioBuilder clients(int clients) {
    this.clients = clients;
    return this;
  }

  public ScenarioBuilder relays(int relays) {
    this.relays = relays;
    return this;
  }

  /**
   * {@code count} transactions, spread over the clients and over accounts {@code acct-1} to {@code
   * acct-<accounts>}, with varied types and amounts.
   */
  public ScenarioBuilder records(int count, int accounts) {
    for (int i = 0; i < count; i++) {
      steps.add(nthRecord(counter++, clients, accounts));
    }
    return this;
  }

  /**
   * The {@code n}-th transaction of a workload (from 0): clients and accounts in turn, with varied
   * types and amounts.
   */
  public static Step.Record nthRecord(int n, int clients, int accounts) {
    return new Step.Record(
        n % clients,
        "acct-" + (1 + n % accounts),
        TYPES[n % TYPES.length],
        1_000 + (n * 737L) % 90_000);
  }

  public ScenarioBuilder step(Step step) {
    steps.add(step);
    return this;
  }

  public ScenarioBuilder inject(Fault fault) {
    return step(new Step.Inject(fault));
  }

  public ScenarioBuilder down(Link link) {
    return inject(new Fault.Down(link));
  }

  public ScenarioBuilder heal(Link link) {
    return step(new Step.Heal(link));
  }

  public ScenarioBuilder crash(String service, String point, int nth) {
    return step(new Step.Crash(service, point, nth));
  }

  public ScenarioBuilder faultAt(String service, String point, int nth, Fault fault) {
    return step(new Step.FaultAt(service, point, nth, fault));
  }

  public ScenarioBuilder kill(String service) {
    return step(new Step.Kill(service));
  }

  public ScenarioBuilder restart(String service) {
    return step(new Step.Restart(service));
  }

  public ScenarioBuilder server(Server server, Step.ServerFault.Action action) {
    return step(new Step.ServerFault(server, action));
  }

  /** A fault on one broker of a cluster ({@code leader} or {@code kafka-N}). */
  public ScenarioBuilder broker(String broker, Step.ServerFault.Action action) {
    return step(new Step.BrokerFault(broker, action));
  }

  public ScenarioBuilder isolate(String broker, boolean replicationOnly) {
    return step(new Step.Isolate(broker, replicationOnly));
  }

  public ScenarioBuilder configure(Map<String, String> settings) {
    return step(new Step.Configure(settings));
  }

  public ScenarioBuilder awaitInSync(long maxMillis) {
    return step(new Step.AwaitInSync(maxMillis));
  }

  public ScenarioBuilder healAll() {
    return step(new Step.HealAll());
  }

  /**
   * Steady traffic: {@code rounds} times, {@code perRound} records then a pause of {@code
   * pauseMillis}, so a fault that lasts a while meets events all along.
   */
  public ScenarioBuilder trickle(int rounds, int perRound, int accounts, long pauseMillis) {
    for (int i = 0; i < rounds; i++) {
      records(perRound, accounts);
      waitMillis(pauseMillis);
    }
    return this;
  }

  public ScenarioBuilder waitMillis(long millis) {
    return step(new Step.Wait(millis));
  }

  /** Waits until every armed point was reached, for at most {@code maxMillis}. */
  public ScenarioBuilder awaitArmed(long maxMillis) {
    return step(new Step.AwaitArmed(maxMillis));
  }

  /** Waits until {@code service} is ready, for at most {@code maxMillis}. */
  public ScenarioBuilder awaitReady(String service, long maxMillis) {
    return step(new Step.AwaitReady(service, maxMillis));
  }

  public ScenarioBuilder awaitClients() {
    return step(new Step.AwaitClients());
  }

  public Scenario build() {
    return new Scenario(name, description, 0, "catalogue", clients, steps, relays);
  }
}
