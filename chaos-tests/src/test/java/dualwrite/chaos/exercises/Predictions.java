package dualwrite.chaos.exercises;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * Compares predicted anomalies with real runs. Each answer names the anomalies a variant shows
 * under a catalogue scenario ({@code phantom}, {@code lost, failed-but-committed}, or {@code
 * none}); the check runs that pair for real and compares.
 */
final class Predictions {

  private record Prediction(String key, String variant, Scenario scenario, RunOptions options) {}

  private final Answers answers;
  private final List<Prediction> predictions = new ArrayList<>();

  Predictions(Answers answers) {
    this.answers = answers;
  }

  /** The answer {@code key} predicts what {@code strategy/variant} shows under the scenario. */
  Predictions expect(String key, String variant, Scenario scenario, RunOptions options) {
    predictions.add(new Prediction(key, variant, scenario, options));
    return this;
  }

  Predictions expect(String key, String variant, Scenario scenario) {
    return expect(key, variant, scenario, RunOptions.DEFAULT);
  }

  /** The same, for the catalogue scenario of that name. */
  Predictions expect(String key, String variant, String scenario) {
    return expect(key, variant, Catalogue.named(scenario), RunOptions.DEFAULT);
  }

  /**
   * Runs every pair (once all are answered) and fails naming each prediction a run did not bear
   * out.
   */
  void runAndCompare() {
    answers.requireAll(predictions.stream().map(Prediction::key).toList());
    SoftAssertions softly = new SoftAssertions();
    for (Prediction prediction : predictions) {
      String predicted = answers.get(prediction.key());
      RunResult result =
          Scenarios.crashed(
              LabRuns.run(prediction.variant(), prediction.scenario(), prediction.options()));
      softly
          .assertThat(Observed.labels(predicted))
          .as(
              "%s: you predicted '%s'; the lab says %s",
              prediction.key(), predicted, Observed.describe(result))
          .isEqualTo(Observed.anomalies(result));
    }
    softly.assertAll();
  }
}
