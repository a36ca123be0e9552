package dualwrite.chaos.property;

import dualwrite.chaos.run.RunResult;

/**
 * A property that did not hold, told as a story: the first generated scenario that broke it, how to
 * replay that, and the smallest scenario the shrinker found, with its verdict and run folder.
 */
public record Counterexample(
    Property property, String variant, RunResult first, Shrunk shrunk, String replay) {

  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(property.name())
        .append(" does not hold for ")
        .append(variant)
        .append(".\n\nFirst failure: ")
        .append(first.scenario().name())
        .append(" (")
        .append(first.scenario().steps().size())
        .append(" steps): ")
        .append(first.verdict().summary())
        .append("\n  replay it: ")
        .append(replay)
        .append("\n\nSmallest failing scenario (")
        .append(shrunk.progress())
        .append("):\n")
        .append(shrunk.smallest().story())
        .append("Verdict: ")
        .append(shrunk.result().verdict().summary())
        .append('\n');
    shrunk.result().verdict().found().stream()
        .filter(property.forbidden()::contains)
        .forEach(
            anomaly ->
                text.append("  ")
                    .append(anomaly.label())
                    .append(" (")
                    .append(anomaly.meaning())
                    .append("): ")
                    .append(shrunk.result().verdict().of(anomaly))
                    .append('\n'));
    text.append("Run folder: ")
        .append(shrunk.result().folder().toAbsolutePath())
        .append("\n  replay it: ./lab replay ")
        .append(shrunk.result().folder())
        .append('\n');
    return text.toString();
  }
}
