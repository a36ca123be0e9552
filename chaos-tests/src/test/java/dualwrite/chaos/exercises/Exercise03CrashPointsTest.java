package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.run.Runner;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.ScenarioBuilder;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 3: for each naive variant, a crash point of the bank that breaks it and the anomaly it
 * leaves; and one crash point of db-then-kafka that breaks nothing.
 */
@Tag("exercise")
class Exercise03CrashPointsTest {

  private static final List<String> VARIANTS =
      List.of("db-then-kafka", "kafka-then-db", "send-in-transaction", "fire-and-forget");

  @Test
  void eachNamedCrashPointBreaksItsVariantAsPredicted() {
    Answers answers = Answers.of("03");
    List<String> keys = new ArrayList<>();
    for (String variant : VARIANTS) {
      keys.add(variant + ".crash-point");
      keys.add(variant + ".anomaly");
    }
    keys.add("db-then-kafka.harmless");
    answers.requireAll(keys);

    SoftAssertions softly = new SoftAssertions();
    for (String variant : VARIANTS) {
      String point = answers.get(variant + ".crash-point");
      String predicted = answers.get(variant + ".anomaly");
      RunResult result = crashAt("naive/" + variant, point);
      softly
          .assertThat(Observed.labels(predicted))
          .as(
              "%s dying at %s: you predicted '%s'; the lab says %s",
              variant, point, predicted, Observed.describe(result))
          .isEqualTo(Observed.anomalies(result));
      softly
          .assertThat(Observed.anomalies(result))
          .as("%s.crash-point: %s must break %s", variant, point, variant)
          .doesNotContain("none");
    }
    String harmless = answers.get("db-then-kafka.harmless");
    RunResult result = crashAt("naive/db-then-kafka", harmless);
    softly
        .assertThat(Observed.anomalies(result))
        .as(
            "db-then-kafka.harmless: dying at %s must break nothing; the lab says %s",
            harmless, Observed.describe(result))
        .containsExactly("none");
    softly.assertAll();
  }

  /** The bank dies at the point on its second pass, serves two more requests after a restart. */
  private static RunResult crashAt(String variant, String point) {
    Strategies.Choice choice = Strategies.parse(variant);
    Runner runner = LabRuns.runner();
    List<String> points =
        runner.profile(choice.strategy(), choice.variant()).stream()
            .filter(s -> s.name().equals("bank"))
            .flatMap(s -> s.crashPoints().stream())
            .toList();
    assertThat(points)
        .as("%s's bank has no crash point '%s'; it has %s", variant, point, points)
        .contains(point);
    Scenario scenario =
        ScenarioBuilder.scenario(
                "exercise-crash-" + point, "The bank dies at " + point + " on its second pass.")
            .crash("bank", point, 2)
            .records(4, 2)
            .awaitClients()
            .restart("bank")
            .records(2, 2)
            .build();
    return Scenarios.crashed(LabRuns.run(variant, scenario));
  }
}
