package dualwrite.chaos.grade;

import java.util.List;

/**
 * What a grade found: one line per property and per budget, each passed or failed, with the details
 * a learner acts on (the smallest counterexample, the command that replays it, the figure against
 * its target).
 *
 * @param title what was graded
 * @param lines the properties first, then the budgets
 * @param notes what else the learner should know (vacuous runs, what the code threw)
 */
public record Scoreboard(String title, List<ScoreLine> lines, List<String> notes) {

  public Scoreboard {
    lines = List.copyOf(lines);
    notes = List.copyOf(notes);
  }

  public long passed() {
    return lines.stream().filter(l -> l.mark().passed()).count();
  }

  public long failed() {
    return lines.size() - passed();
  }

  /** The line the grade ends with: {@code 7 passed, 1 failed}. */
  public String tally() {
    return passed() + " passed, " + failed() + " failed";
  }

  /** The scoreboard as the terminal shows it. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Scoreboard: ").append(title).append('\n');
    int width = lines.stream().mapToInt(l -> l.item().length()).max().orElse(0);
    for (ScoreLine line : lines) {
      out.append(
          String.format(
              "  %-8s %-" + width + "s  %s%n", line.mark().word(), line.item(), line.result()));
      for (String detail : line.details()) {
        out.append("           ").append(detail).append('\n');
      }
    }
    for (String note : notes) {
      out.append("  ").append(note).append('\n');
    }
    out.append(tally()).append('\n');
    return out.toString();
  }
}
