package dualwrite.chaos.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dualwrite.naive.fixture.NaiveClassThatImportsTheHarness;
import dualwrite.naive.fixture.NaiveClassThatImportsTheOutbox;
import org.junit.jupiter.api.Test;

/**
 * {@link ModuleBoundariesTest#strategiesNeverImportEachOther} fails for a naive class that imports
 * another strategy or the harness, each on its own: a rule that passes every class proves nothing.
 * The offenders are test-only fixtures, so the rule over the main code still passes.
 */
class StrategyBoundaryCatchesEveryCrossImportTest {

  @Test
  void aNaiveClassThatImportsTheOutboxBreaksTheRule() {
    EvaluationResult result = evaluate(NaiveClassThatImportsTheOutbox.class);

    assertThat(result.hasViolation())
        .as("a naive class that imports the outbox (and not the harness) is reported")
        .isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as("the report names the offending class and what it imports")
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(NaiveClassThatImportsTheOutbox.class.getName())
                    .contains("dualwrite.outbox.OutboxSettings"));
  }

  @Test
  void aNaiveClassThatImportsTheHarnessBreaksTheRule() {
    EvaluationResult result = evaluate(NaiveClassThatImportsTheHarness.class);

    assertThat(result.hasViolation())
        .as("a naive class that imports the harness (and no other strategy) is reported")
        .isTrue();
  }

  @Test
  void theMainCodeKeepsTheRuleAndLeavesTheFixturesOut() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dualwrite");

    assertThat(main.contain(NaiveClassThatImportsTheOutbox.class))
        .as("ModuleBoundariesTest's import of the main code does not take in the test fixtures")
        .isFalse();
    assertThat(main.contain("dualwrite.naive.NaiveStrategy"))
        .as("the import does take in the naive strategy's main code")
        .isTrue();
    assertThat(
            ModuleBoundariesTest.strategiesNeverImportEachOther
                .evaluate(main)
                .getFailureReport()
                .getDetails())
        .as("no main class of the naive strategy imports another strategy or the harness")
        .isEmpty();
  }

  private static EvaluationResult evaluate(Class<?> fixture) {
    return ModuleBoundariesTest.strategiesNeverImportEachOther.evaluate(
        new ClassFileImporter().importClasses(fixture));
  }
}
