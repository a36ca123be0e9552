package dualwrite.chaos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verdicts the docs show are the verdicts the lab gives: each block under {@code <!-- verdict:
 * naive/db-then-kafka crash-after-commit -->} shows {@code $ ./lab run} with those arguments and a
 * headline; this test runs the pair for real and compares the validity and the anomalies that
 * invalidate (ids, counts and times differ from run to run). A marker with {@code --brokers 3} runs
 * its pair on the three-broker cluster. It needs servers, so it is tagged {@code docs-runs} and
 * runs with {@code -Pexercises}, in CI through docs/exercises/check-solutions.sh.
 */
@Tag("docs-runs")
class DocsVerdictsMatchRealRunsTest {

  private static final Pattern MARKER = Pattern.compile("^<!-- verdict: (.+?) -->$");
  private static final String NON_IDEMPOTENT = "--non-idempotent-consumer";
  private static final String CONSUMER = "--consumer";
  private static final String BROKERS = "--brokers";
  private static final int TRIES = 3;

  @Test
  void everyShownVerdictIsWhatARealRunGives() {
    List<String> wrong = new ArrayList<>();
    int shown = 0;
    for (Path file : TeachingFiles.all()) {
      Markdown markdown = Markdown.read(file);
      for (int i = 0; i < markdown.lines().size(); i++) {
        Matcher marker = MARKER.matcher(markdown.lines().get(i).trim());
        if (!marker.matches()) {
          continue;
        }
        shown++;
        String where = TeachingFiles.name(file) + ":" + (i + 1);
        String args = marker.group(1);
        Markdown.Block block = markdown.blockAfter(i);
        assertThat(block)
            .as("%s: a verdict marker must be followed by a fenced block", where)
            .isNotNull();
        assertThat(block.lines())
            .as("%s: the block shows the command it is the output of", where)
            .contains("$ ./lab run " + args);
        String headline =
            block.lines().stream()
                .filter(l -> l.startsWith("VALID") || l.startsWith("INVALID"))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError(where + ": the block shows no verdict headline"));
        RunResult result = run(args);
        String shownValidity = headline.startsWith("VALID") ? "VALID" : "INVALID";
        Set<String> shownAnomalies = invalidating(headline);
        Set<String> realAnomalies =
            result.verdict().found().stream()
                .filter(Anomaly::invalidates)
                .map(Anomaly::label)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!shownValidity.equals(result.verdict().valid().name())
            || !shownAnomalies.equals(realAnomalies)) {
          wrong.add(
              where
                  + ": shows '"
                  + headline
                  + "'; a real run gave "
                  + result.verdict().summary()
                  + " ("
                  + result.folder()
                  + ")");
        }
      }
    }
    assertThat(shown).as("the docs show verdicts").isPositive();
    assertThat(wrong).as("verdicts in the docs that real runs do not give").isEmpty();
  }

  /** {@code INVALID: lost 2, failed-but-committed 2} -> the labels that invalidate. */
  private static Set<String> invalidating(String headline) {
    if (!headline.startsWith("INVALID: ")) {
      return Set.of();
    }
    return Arrays.stream(headline.substring("INVALID: ".length()).split(",\\s*"))
        .map(part -> part.trim().split("\\s+")[0])
        .filter(label -> Anomaly.fromLabel(label).invalidates())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Runs {@code [--brokers 1|3] <variant> <scenario> [--consumer <mode>]}, on the cluster when it
   * says {@code --brokers 3}, and again when one of its faults missed (an armed crash that did not
   * fire before the run healed shows nothing).
   */
  private static RunResult run(String args) {
    Shown shown = Shown.parse(args);
    RunOptions options = RunOptions.DEFAULT.withConsumer(shown.consumer());
    Scenario scenario = Catalogue.named(shown.scenario());
    RunResult result = null;
    for (int i = 0; i < TRIES; i++) {
      result =
          shown.brokers() == 3
              ? LabRuns.runOnCluster(shown.variant(), scenario, options)
              : LabRuns.run(shown.variant(), scenario, options);
      if (result.verdict().valid() != Verdict.Validity.UNKNOWN
          && result.verdict().faults().stream().allMatch(FaultOutcome::landed)) {
        return result;
      }
    }
    return result; // the comparison will say what it showed
  }

  /** A marker's arguments: the two names, and the options {@code ./lab run} takes. */
  private record Shown(String variant, String scenario, int brokers, ConsumerMode consumer) {

    static Shown parse(String args) {
      List<String> names = new ArrayList<>();
      int brokers = 1;
      ConsumerMode consumer = ConsumerMode.IDEMPOTENT;
      List<String> words = List.of(args.trim().split("\\s+"));
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (word.equals(BROKERS) && i + 1 < words.size()) {
          brokers = Integer.parseInt(words.get(++i));
        } else if (word.startsWith(BROKERS + "=")) {
          brokers = Integer.parseInt(word.substring(BROKERS.length() + 1));
        } else if (word.equals(NON_IDEMPOTENT)) {
          consumer = ConsumerMode.NON_IDEMPOTENT;
        } else if (word.equals(CONSUMER) && i + 1 < words.size()) {
          consumer = ConsumerMode.fromLabel(words.get(++i));
        } else if (word.startsWith(CONSUMER + "=")) {
          consumer = ConsumerMode.fromLabel(word.substring(CONSUMER.length() + 1));
        } else if (word.startsWith("-")) {
          throw new IllegalArgumentException(
              "a verdict marker with an option not handled: " + args);
        } else {
          names.add(word);
        }
      }
      if (names.size() != 2 || (brokers != 1 && brokers != 3)) {
        throw new IllegalArgumentException(
            "a verdict marker is [--brokers 1|3] <variant> <scenario> [--consumer <mode>]: "
                + args);
      }
      return new Shown(names.get(0), names.get(1), brokers, consumer);
    }
  }
}
