package dualwrite.chaos.scenario;

import static dualwrite.chaos.scenario.ScenarioBuilder.link;
import static dualwrite.chaos.scenario.ScenarioBuilder.scenario;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;
import java.util.List;

/**
 * The fault catalogue: named scenarios, each one fault that happens in production, shown on a
 * small, fixed workload. A scenario that names a crash point or service a variant does not have
 * does not apply to that variant.
 */
public final class Catalogue {

  private Catalogue() {}

  /** Every catalogue scenario, in the order the report shows them. */
  public static List<Scenario> all() {
    return List.of(
        noFault(),
        crashAfterCommit(),
        bankKafkaDown(),
        ambiguousCommit(),
        commitFails(),
        crashAfterPublish(),
        crashAfterSendCall(),
        fraudCrashAfterCommit());
  }

  /**
   * @throws IllegalArgumentException naming the scenarios there are
   */
  public static Scenario named(String name) {
    return all().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + name
                        + "'; the catalogue: "
                        + all().stream().map(Scenario::name).toList()));
  }

  public static Scenario noFault() {
    return scenario(
            "no-fault", "Nothing breaks: three clients, three accounts, thirty transactions.")
        .clients(3)
        .records(30, 3)
        .build();
  }

  public static Scenario crashAfterCommit() {
    return scenario(
            "crash-after-commit",
            "The bank dies right after its third commit, before anything else: a deploy, an OOM kill.")
        .crash("bank", "after-db-commit", 3)
        .records(5, 2)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  public static Scenario bankKafkaDown() {
    return scenario(
            "bank-kafka-down",
            "The bank cannot reach Kafka for a while: a broken route, a firewall change.")
        .down(link(Component.BANK, Server.KAFKA))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.KAFKA))
        .records(2, 2)
        .build();
  }

  public static Scenario ambiguousCommit() {
    return scenario(
            "ambiguous-commit",
            "The database commits the second transaction but its answer never arrives: the"
                + " connection dies between COMMIT and its acknowledgement.")
        .faultAt(
            "bank",
            "before-commit",
            2,
            Fault.Toxic.timeout(link(Component.BANK, Server.POSTGRES), "downstream", 200))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.POSTGRES))
        .records(2, 2)
        .build();
  }

  public static Scenario commitFails() {
    return scenario(
            "commit-fails",
            "The bank's database link drops just before the second COMMIT is sent: the"
                + " transaction rolls back.")
        .faultAt("bank", "before-commit", 2, new Fault.Down(link(Component.BANK, Server.POSTGRES)))
        .records(2, 2)
        .awaitClients()
        .heal(link(Component.BANK, Server.POSTGRES))
        .records(2, 2)
        .build();
  }

  public static Scenario crashAfterPublish() {
    return scenario(
            "crash-after-publish",
            "The bank dies after Kafka acknowledged the second event and before its commit.")
        .crash("bank", "after-publish", 2)
        .records(3, 2)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  public static Scenario crashAfterSendCall() {
    return scenario(
            "crash-after-send-call",
            "The bank dies while events still sit in its producer's buffer.")
        .crash("bank", "after-send-call", 3)
        .records(3, 3)
        .awaitClients()
        .restart("bank")
        .records(2, 2)
        .build();
  }

  public static Scenario fraudCrashAfterCommit() {
    return scenario(
            "fraud-crash-after-commit",
            "The fraud service dies after committing its checks and before committing its Kafka"
                + " offsets: Kafka delivers the batch again.")
        .crash("fraud", "after-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .waitMillis(500)
        .restart("fraud")
        .records(2, 2)
        .build();
  }
}
