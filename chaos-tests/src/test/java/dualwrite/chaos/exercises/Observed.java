package dualwrite.chaos.exercises;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunResult;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a run showed, in the words an answer file uses. */
final class Observed {

  private Observed() {}

  /**
   * The anomaly labels the checker named, sorted: {@code lost, phantom}; {@code none} if none.
   *
   * @throws AssertionError when the verdict is unknown or vacuous: such a run showed nothing, and
   *     "none" would wrongly read as a prediction come true
   */
  static Set<String> anomalies(RunResult result) {
    Validity validity = result.verdict().valid();
    if (validity == Validity.UNKNOWN || validity == Validity.VACUOUS) {
      throw new AssertionError(
          "this run showed nothing to compare your prediction with: " + describe(result));
    }
    Set<String> labels =
        result.verdict().found().stream()
            .map(Anomaly::label)
            .collect(Collectors.toCollection(TreeSet::new));
    return labels.isEmpty() ? Set.of("none") : labels;
  }

  /**
   * The labels of the anomalies that made the verdict invalid, sorted; {@code none} if none.
   * Allowed anomalies ({@code duplicate-delivery}) are left out: whether a run had some is chance.
   *
   * @throws AssertionError when the verdict is unknown or vacuous, as {@link #anomalies} does
   */
  static Set<String> breaking(RunResult result) {
    Set<String> labels = new TreeSet<>(anomalies(result));
    labels.removeIf(label -> !label.equals("none") && !Anomaly.fromLabel(label).invalidates());
    return labels.isEmpty() ? Set.of("none") : labels;
  }

  /**
   * An answer that names anomalies which break a promise, or {@code none}, as a sorted set.
   *
   * @throws AssertionError for a label the checker does not name, or one it allows
   */
  static Set<String> breakingLabels(String key, String answer) {
    Set<String> labels = labels(answer);
    for (String label : labels) {
      if (!label.equals("none") && !Anomaly.fromLabel(label).invalidates()) {
        throw new AssertionError(
            key
                + ": '"
                + label
                + "' never makes a verdict invalid (at-least-once allows it); name only the"
                + " anomalies that do, or none");
      }
    }
    return labels;
  }

  /**
   * The answer to a yes-or-no question.
   *
   * @throws AssertionError naming the question for any answer but {@code yes} or {@code no}
   */
  static String yesOrNo(String key, String answer) {
    if (!answer.equals("yes") && !answer.equals("no")) {
      throw new AssertionError(key + ": write yes or no, not '" + answer + "'");
    }
    return answer;
  }

  /** An answer such as {@code lost, failed-but-committed} or {@code none}, as a sorted set. */
  static Set<String> labels(String answer) {
    Set<String> labels =
        Arrays.stream(answer.split("[,\\s]+"))
            .filter(s -> !s.isBlank())
            .collect(Collectors.toCollection(TreeSet::new));
    for (String label : labels) {
      if (!label.equals("none")
          && Arrays.stream(Anomaly.values()).noneMatch(a -> a.label().equals(label))) {
        throw new AssertionError(
            "'"
                + label
                + "' is not an anomaly the checker names; it names "
                + Arrays.stream(Anomaly.values()).map(Anomaly::label).toList()
                + " (or write none)");
      }
    }
    return labels;
  }

  /** What the client of a transaction was told: {@code ok}, {@code fail} or {@code unknown}. */
  static String told(RunResult result, UUID transactionId) {
    String told = "never answered";
    for (Op op : result.history()) {
      if (op.isClient() && op.isCompletion() && transactionId.equals(op.transactionId())) {
        told =
            switch (op.type()) {
              case OK -> "ok";
              case FAIL -> "fail";
              default -> "unknown";
            };
      }
    }
    return told;
  }

  /** One line for a message: the verdict and where the run's folder is. */
  static String describe(RunResult result) {
    return result.summary() + " (run folder " + result.folder().toAbsolutePath() + ")";
  }
}
