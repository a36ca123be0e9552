package dualwrite.chaos.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The properties of docs/08-property-based-chaos.md, which a fix must keep under every generated
 * scenario. A thin subclass per strategy variant says which variant; the scenarios run once per
 * class, and each property is its own test, so a report names the claim that broke. A broken
 * property is shrunk to the smallest scenario that still breaks it, printed with the command that
 * replays it.
 *
 * <p>{@code -Dlab.scenarios=N} sets how many scenarios (100 by default), {@code -Dlab.seed=S} which
 * ones ({@code S:i} for one), {@code -Dlab.shrink.seconds} how long shrinking may take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DualWriteContract {

  private List<RunResult> results;
  private GenerationSettings settings;
  private Coverage coverage;
  private Strategies.Choice choice;

  /** The variant under test: {@code outbox/polling}. */
  protected abstract String variant();

  @BeforeAll
  void runGeneratedScenarios() {
    settings = GenerationSettings.fromSystemProperties(100);
    choice = Strategies.parse(variant());
    results =
        GeneratedRuns.run(
            LabRuns.runner(),
            choice,
            FaultMenu.everything(),
            settings,
            RunOptions.DEFAULT,
            result -> System.out.println(result.summary()));
    coverage = Coverage.of(results.stream().map(RunResult::verdict).toList());
    System.out.print(coverage.table().replace("\n", System.lineSeparator()));
  }

  /**
   * The suite's green means something only if its faults met the variant at work: at most 5% of the
   * runs vacuous, every crash point of the variant reached at least 5 times, every fault kind
   * landed at least 3 times. A foil's suite (the workshop) shows its anomalies instead.
   */
  @Test
  void theFaultsLandOnEveryPartOfTheVariant() {
    assumeTrue(
        choice.variant().fix(), "a foil's suite shows its anomalies; coverage is a fix's bar");
    assumeTrue(
        settings.only() == null && results.size() >= Coverage.FEWEST_RUNS,
        () ->
            results.size()
                + " runs are too few to judge coverage: it is asserted from "
                + Coverage.FEWEST_RUNS
                + " generated runs up (the build runs "
                + Integer.getInteger("lab.scenarios", 100)
                + (settings.shard().whole() ? "" : ", shard " + settings.shard())
                + ")");
    List<String> shortfalls =
        coverage.shortfalls(
            Coverage.pointsOf(LabRuns.runner().profile(choice.strategy(), choice.variant())),
            Coverage.KINDS_OF_A_FIX);
    assertThat(shortfalls)
        .as(
            "the faults of %d generated runs must land; coverage:%n%s",
            results.size(), coverage.table())
        .isEmpty();
  }

  @Test
  void noCommittedTransactionIsLost() {
    holds(Property.NO_COMMITTED_TRANSACTION_IS_LOST);
  }

  @Test
  void noEventIsAPhantom() {
    holds(Property.NO_EVENT_IS_A_PHANTOM);
  }

  @Test
  void everyCommittedTransactionIsCheckedExactlyOnce() {
    holds(Property.EVERY_COMMITTED_TRANSACTION_IS_CHECKED_EXACTLY_ONCE);
  }

  @Test
  void perAccountOrderIsKept() {
    holds(Property.PER_ACCOUNT_ORDER_IS_KEPT);
  }

  @Test
  void everythingIsDeliveredWithinTheBoundAfterHealing() {
    holds(Property.EVERYTHING_IS_DELIVERED_WITHIN_THE_BOUND_AFTER_HEALING);
  }

  @Test
  void clientsAreToldTheTruth() {
    holds(Property.CLIENTS_ARE_TOLD_THE_TRUTH);
  }

  private void holds(Property property) {
    Optional<RunResult> failure = property.firstFailure(results);
    if (failure.isEmpty()) {
      assertThat(results.stream().filter(r -> property.holdsFor(r.verdict())))
          .as("at least one scenario showed the claim (vacuous runs show nothing)")
          .isNotEmpty();
      return;
    }
    RunResult first = failure.get();
    if (!property.brokenBy(first.verdict())) {
      throw new AssertionError(
          "the checker could not decide "
              + first.summary()
              + ", so the lab cannot show that "
              + property.name()
              + " holds: "
              + first.folder());
    }
    Runner runner = LabRuns.runner();
    Shrunk shrunk =
        Shrinker.whileBroken(runner, choice, property, settings.shrinkBudget())
            .shrink(first.scenario(), first);
    String replay =
        GeneratedRuns.replayCommand(
            getClass().getSimpleName(),
            AnnotationSupport.findRepeatableAnnotations(getClass(), Tag.class).stream()
                .anyMatch(tag -> tag.value().equals("workshop")),
            settings.seed(),
            GeneratedRuns.indexOf(first.scenario()));
    Counterexample counterexample = new Counterexample(property, variant(), first, shrunk, replay);
    throw new AssertionError(counterexample.describe());
  }
}
