package dualwrite.chaos.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fix keeps every promise under every scenario of the fault catalogue that applies to it, and
 * every fault of the scenario landed: a green that no fault touched would prove nothing. The
 * scenarios that need a Kafka cluster are the cluster suite's ({@code KafkaClusterTest}).
 */
class FaultCatalogueTest {

  @TestFactory
  Stream<DynamicTest> everyFixIsValidUnderEveryCatalogueScenario() {
    return Strategies.everyVariant().stream()
        .filter(choice -> choice.variant().fix())
        .flatMap(
            choice ->
                Catalogue.forBrokers(1).stream()
                    .filter(FaultCatalogueTest::selected)
                    .map(
                        scenario ->
                            DynamicTest.dynamicTest(
                                choice + " " + scenario.name(), () -> runValid(choice, scenario))));
  }

  /** {@code -Dlab.scenario=broker-kill} runs one scenario of the catalogue. */
  private static boolean selected(Scenario scenario) {
    String only = System.getProperty("lab.scenario", "");
    return only.isBlank() || only.equals(scenario.name());
  }

  private static void runValid(Strategies.Choice choice, Scenario scenario) {
    var why = LabRuns.runner().whyNotApplicable(choice.strategy(), choice.variant(), scenario);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        why.isEmpty(), () -> "does not apply: " + why.orElse(""));
    RunResult result = LabRuns.run(choice.toString(), scenario);
    assertThat(result.verdict().valid())
        .as("%s: %s", result.summary(), result.folder())
        .isEqualTo(Validity.VALID);
    assertThat(result.verdict().faults())
        .as("the scenario's faults, judged")
        .hasSize((int) scenario.steps().stream().filter(step -> step.breaks()).count());
    LabRuns.assertEveryFaultLanded(result);
  }
}
