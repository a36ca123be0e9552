package dualwrite.chaos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of the README's map, checked on the compiled main code of every module. */
@AnalyzeClasses(packages = "dualwrite", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  /**
   * {@code orShould}, not {@code andShould}: for {@code noClasses()}, {@code andShould} forbids
   * only a class that does both, so a naive class importing the outbox alone would pass.
   */
  @ArchTest
  static final ArchRule strategiesNeverImportEachOther =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.naive..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.outbox..", "dualwrite.eventsourced..")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.chaos..")
          .because("each strategy stands alone on the SPI");

  @ArchTest
  static final ArchRule theOutboxImportsNoOtherStrategy =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.outbox..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.naive..", "dualwrite.eventsourced..", "dualwrite.chaos..");

  @ArchTest
  static final ArchRule eventSourcingImportsNoOtherStrategy =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.eventsourced..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.naive..", "dualwrite.outbox..", "dualwrite.chaos..");

  @ArchTest
  static final ArchRule bankCoreNeverImportsAStrategyOrTheHarness =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.bank..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dualwrite.naive..",
              "dualwrite.outbox..",
              "dualwrite.eventsourced..",
              "dualwrite.chaos..");

  /**
   * The grade package is the one exception: it deploys a workshop learner's relay or cursor inside
   * the outbox's and the event-sourced bank, through the public seams they keep for it ({@code
   * OutboxStrategy.deployWith}, {@code EventSourcedStrategy.deployWith}).
   */
  @ArchTest
  static final ArchRule theHarnessSeesStrategiesOnlyThroughTheSpi =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.chaos..")
          .and()
          .resideOutsideOfPackage("dualwrite.chaos.grade..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.naive..", "dualwrite.outbox..", "dualwrite.eventsourced..")
          .because("the harness finds strategies with ServiceLoader and drives them by the SPI");

  @ArchTest
  static final ArchRule theWorkshopSeesOnlyBankCoreAndTheCursorSeams =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.workshop..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dualwrite.naive..", "dualwrite.outbox..", "dualwrite.chaos..")
          .orShould()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "event-sourced classes other than Cursor, LedgerEntry and Positions",
                  (com.tngtech.archunit.core.domain.JavaClass c) ->
                      c.getPackageName().startsWith("dualwrite.eventsourced")
                          && !c.getSimpleName().equals("Cursor")
                          && !c.getSimpleName().equals("LedgerEntry")
                          && !c.getSimpleName().equals("Positions")))
          .because("a learner's class needs nothing but its contract");

  @ArchTest
  static final ArchRule theFaultProxyDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dualwrite.faultproxy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dualwrite.bank..",
              "dualwrite.chaos..",
              "dualwrite.naive..",
              "dualwrite.outbox..",
              "dualwrite.eventsourced..")
          .because("a real Toxiproxy must be able to take its place");
}
