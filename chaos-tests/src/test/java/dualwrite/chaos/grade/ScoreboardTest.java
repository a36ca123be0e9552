package dualwrite.chaos.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoreboard counts what passed and failed, and shows a failure's details under it. */
class ScoreboardTest {

  @Test
  void onlyHeldAndMetPassAndTheTallyEndsTheBoard() {
    Scoreboard board =
        new Scoreboard(
            "your relay",
            List.of(
                new ScoreLine(Mark.HELD, "noEventIsAPhantom", "held in 40 runs", List.of()),
                new ScoreLine(
                    Mark.BROKEN,
                    "perAccountOrderIsKept",
                    "broken in 2 of 40 runs",
                    List.of("smallest counterexample: broker-kill", "replay: ./lab replay x")),
                new ScoreLine(
                    Mark.UNSHOWN, "clientsAreToldTheTruth", "no run showed it", List.of()),
                new ScoreLine(
                    Mark.MET, "drains at least 5,000 events/s", "9,000 events/s", List.of()),
                new ScoreLine(Mark.MISSED, "lag p99 at most 250 ms", "p99 300 ms", List.of())),
            List.of("40 runs"));

    assertThat(board.passed()).isEqualTo(2);
    assertThat(board.failed()).as("broken, unshown and missed all fail").isEqualTo(3);
    List<String> lines = board.render().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Scoreboard: your relay");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("2 passed, 3 failed");
    int broken = lines.indexOf(lines.stream().filter(l -> l.contains("BROKEN")).findFirst().get());
    assertThat(lines.get(broken + 1).strip()).isEqualTo("smallest counterexample: broker-kill");
    assertThat(lines.get(broken + 2).strip()).isEqualTo("replay: ./lab replay x");
  }
}
