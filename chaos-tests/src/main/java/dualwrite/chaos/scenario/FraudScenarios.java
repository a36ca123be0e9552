package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.link;
import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;

/** The catalogue's scenarios that break the fraud service as it checks a batch. */
public final class FraudScenarios {

  private FraudScenarios() {}

  public static Scenario fraudCrashAfterCommit() {
    return scenario(
            "fraud-crash-after-commit",
            "The fraud service dies after committing its checks and before committing its Kafka"
                + " offsets: Kafka delivers the batch again.")
        .crash("fraud", "after-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .restart("fraud")
        .records(2, 2)
        .build();
  }

  /**
   * The fraud service dies with its first batch's checks written and not committed. With the inbox
   * in the same transaction nothing of the batch is kept, and Kafka delivers it again; with the
   * inbox committed on its own ({@code --consumer inbox-outside-transaction}) the redelivered batch
   * is found already seen, and never checked.
   */
  public static Scenario fraudCrashBeforeCommit() {
    return scenario(
            "fraud-crash-before-commit",
            "The fraud service dies after writing its first batch of checks and before committing"
                + " them: Kafka delivers the batch again.")
        .crash("fraud", "before-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .restart("fraud")
        .records(2, 2)
        .build();
  }

  /**
   * The fraud service's database link drops as it commits its first batch of checks: the batch
   * rolls back and must be read again. A consumer that leaves its offsets to Kafka's auto-commit
   * ({@code --consumer auto-commit}) has moved past it by then.
   */
  public static Scenario fraudCommitFails() {
    return scenario(
            "fraud-commit-fails",
            "The fraud service's database link drops just before it commits its first batch of"
                + " checks: the transaction rolls back, and the batch must be read again.")
        .faultAt(
            "fraud", "before-db-commit", 1, new Fault.Down(link(Component.FRAUD, Server.POSTGRES)))
        .records(4, 2)
        .awaitClients()
        .awaitArmed(10_000)
        .waitMillis(1000)
        .heal(link(Component.FRAUD, Server.POSTGRES))
        .records(2, 2)
        .build();
  }
}
