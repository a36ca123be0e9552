package dualwrite.chaos.property;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.FaultSpan;
import dualwrite.chaos.run.ServiceProfile;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The generator, without servers: it draws every kind of step the catalogue uses, on the links and
 * crash points the variant has, with workloads of the size asked for, and arms a relay's or the
 * fraud service's point only once that service has a backlog to work through.
 */
class GeneratedScenariosAimEveryFaultAtWorkTest {

  private static final List<ServiceProfile> OUTBOX =
      List.of(
          new ServiceProfile("bank", Component.BANK, List.of("before-commit", "after-db-commit")),
          new ServiceProfile(
              "relay-1", Component.RELAY, List.of("after-claim", "mid-batch", "after-publish")),
          new ServiceProfile(
              "fraud", Component.FRAUD, List.of("before-db-commit", "after-db-commit")));
  private static final Set<Link> LINKS =
      Set.of(
          Link.of(Component.BANK, Server.POSTGRES),
          Link.of(Component.RELAY, Server.POSTGRES),
          Link.of(Component.RELAY, Server.KAFKA),
          Link.of(Component.FRAUD, Server.POSTGRES),
          Link.of(Component.FRAUD, Server.KAFKA));

  private final List<Scenario> scenarios =
      new ScenarioGenerator(OUTBOX, LINKS, true, FaultMenu.everything()).generate(7, 200);

  @Test
  void everyKindOfFaultComesUp() {
    Set<String> kinds = new TreeSet<>();
    scenarios.forEach(
        s -> s.steps().stream().filter(Step::breaks).map(FaultSpan::kindOf).forEach(kinds::add));

    assertThat(kinds).containsAll(Coverage.KINDS_OF_A_FIX);
    assertThat(scenarios.stream().filter(s -> s.relays() == 2))
        .as("some scenarios run two relays")
        .isNotEmpty();
  }

  @Test
  void onAClusterTheClustersFaultsComeUpAndOnOneBrokerNever() {
    List<Scenario> onACluster =
        new ScenarioGenerator(OUTBOX, LINKS, true, FaultMenu.everything(), 3).generate(7, 200);
    Set<String> kinds = new TreeSet<>();
    onACluster.forEach(
        s -> s.steps().stream().filter(Step::breaks).map(FaultSpan::kindOf).forEach(kinds::add));

    assertThat(kinds).containsAll(Coverage.kindsOfAFix(3));
    assertThat(onACluster)
        .as("a link fault on one broker comes up")
        .anySatisfy(
            s ->
                assertThat(s.steps())
                    .anySatisfy(
                        step ->
                            assertThat(
                                    step instanceof Step.Inject inject
                                        && inject.fault().link().oneBroker())
                                .isTrue()));
    assertThat(scenarios).allSatisfy(s -> assertThat(s.brokersNeeded()).isEqualTo(1));
  }

  @Test
  void everyCrashPointOfTheVariantIsArmed() {
    Set<String> armed = new TreeSet<>();
    scenarios.forEach(
        s ->
            s.steps().stream()
                .filter(step -> step instanceof Step.AtPoint)
                .map(FaultSpan::targetOf)
                .forEach(armed::add));

    assertThat(armed)
        .containsExactlyInAnyOrder(
            "bank:before-commit",
            "bank:after-db-commit",
            "relay:after-claim",
            "relay:mid-batch",
            "relay:after-publish",
            "fraud:before-db-commit",
            "fraud:after-db-commit");
  }

  @Test
  void workloadsHaveOneToFourClientsAndTenToTwoHundredRecords() {
    assertThat(scenarios).allSatisfy(s -> assertThat(s.clients()).isBetween(1, 4));
    assertThat(scenarios).allSatisfy(s -> assertThat(s.records()).isBetween(10L, 200L));
    assertThat(scenarios.stream().mapToInt(Scenario::clients).max().orElse(0))
        .as("several clients contend")
        .isEqualTo(4);
  }

  @Test
  void noFaultIsAimedAtALinkTheVariantNeverUses() {
    Link unused = Link.of(Component.BANK, Server.KAFKA);
    assertThat(scenarios)
        .allSatisfy(
            s ->
                assertThat(s.steps())
                    .noneMatch(
                        step ->
                            step instanceof Step.Inject inject
                                && inject.fault().link().equals(unused)));
  }

  @Test
  void aRelayOrFraudPointIsArmedOnlyOnceItsServiceHasABacklog() {
    for (Scenario scenario : scenarios) {
      List<Step> steps = scenario.steps();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) instanceof Step.AtPoint at
            && Step.componentOf(at.service()) != Component.BANK
            && !(at instanceof Step.FaultAt)) {
          List<Step> before = steps.subList(0, i);
          assertThat(before)
              .as(
                  "%s in %s: its service was killed, then the clients caught up",
                  at, scenario.oneLine())
              .containsSubsequence(new Step.Kill(at.service()), new Step.AwaitClients());
          assertThat(steps.subList(i, steps.size()))
              .as("then it is restarted and the scenario awaits the point")
              .containsSubsequence(
                  at,
                  new Step.Restart(at.service()),
                  new Step.AwaitArmed(Episodes.AWAIT_ARMED_MILLIS));
        }
      }
    }
  }
}
