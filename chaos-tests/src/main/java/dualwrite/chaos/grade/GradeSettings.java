package dualwrite.chaos.grade;

import java.time.Duration;

/**
 * How a grade is set up.
 *
 * @param generated how many generated scenarios (after the catalogue's)
 * @param seed the seed they come from
 * @param shrinkBudget how long shrinking each counterexample may take
 * @param budget whether to measure the budget
 * @param command the relay as a program, or null for the learner's Java class
 */
public record GradeSettings(
    int generated, long seed, Duration shrinkBudget, boolean budget, String command) {

  public static final int DEFAULT_GENERATED = 30;

  public GradeSettings {
    if (generated < 0) {
      throw new IllegalArgumentException("the number of generated scenarios must be 0 or more");
    }
  }
}
