package dualwrite.bank.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What code the lab did not write (a workshop learner's relay, inbox or cursor) threw while the lab
 * ran it: the lab retries after each throw, as a service would, and the grade shows the learner the
 * first exception of each place and how often it came. Shared by the whole JVM; a grade reads and
 * clears it around each run.
 */
public final class LearnerCode {

  /** One place's exceptions: how many, and the first one. */
  public record Trouble(String where, int times, String first) {}

  private static final Map<String, Trouble> troubles = new LinkedHashMap<>();

  private LearnerCode() {}

  /** The learner's code threw {@code thrown} at {@code where} ({@code relay-1}, {@code fraud}). */
  public static synchronized void threw(String where, Throwable thrown) {
    troubles.merge(
        where,
        new Trouble(where, 1, thrown.toString()),
        (known, next) -> new Trouble(where, known.times() + 1, known.first()));
  }

  /** Everything recorded since the last call, which clears it. */
  public static synchronized Map<String, Trouble> drain() {
    Map<String, Trouble> all = new LinkedHashMap<>(troubles);
    troubles.clear();
    return all;
  }
}
