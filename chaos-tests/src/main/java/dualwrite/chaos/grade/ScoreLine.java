package dualwrite.chaos.grade;

import java.util.List;

/**
 * One line of a {@link Scoreboard}: a property, or a budget.
 *
 * @param mark how it came out
 * @param item the property's name, or the budget with its target
 * @param result one phrase: in how many runs, or the figure measured
 * @param details further lines: the counterexample, the replay command
 */
public record ScoreLine(Mark mark, String item, String result, List<String> details) {
  public ScoreLine {
    details = List.copyOf(details);
  }
}
