package dualwrite.chaos.property;

import static org.assertj.core.api.Assertions.assertThat;

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
  private GeneratedRuns.Settings settings;

  /** The variant under test: {@code outbox/polling}. */
  protected abstract String variant();

  @BeforeAll
  void runGeneratedScenarios() {
    settings = GeneratedRuns.Settings.fromSystemProperties(100);
    Strategies.Choice choice = Strategies.parse(variant());
    results =
        GeneratedRuns.run(
            LabRuns.runner(),
            choice,
            FaultMenu.everything(),
            settings,
            RunOptions.DEFAULT,
            result -> System.out.println(result.summary()));
    System.out.println(Coverage.of(results).describe().replace("\n", System.lineSeparator()));
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
    Optional<RunResult> failure =
        results.stream().filter(r -> !property.holdsFor(r.verdict())).findFirst();
    if (failure.isEmpty()) {
      assertThat(results).as("at least one scenario ran").isNotEmpty();
      return;
    }
    RunResult first = failure.get();
    Strategies.Choice choice = Strategies.parse(variant());
    Runner runner = LabRuns.runner();
    Shrinker.Shrunk shrunk =
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
