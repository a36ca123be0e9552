package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Verdict.Validity;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

/** On a terminal each verdict's headline has its own colour; in a file or a pipe, none. */
class VerdictHeadlinesTakeTheReportsColoursTest {

  private static final String ESC = "\u001B[";

  @Test
  void aVacuousHeadlineIsYellowAndEveryVerdictHasItsOwnColour() {
    String vacuous = Explanation.coloured(Validity.VACUOUS, "VACUOUS: nothing landed", Ansi.ON);

    assertThat(vacuous)
        .as("yellow is SGR 33")
        .contains(ESC)
        .contains("33")
        .endsWith(": nothing landed");
    assertThat(Explanation.coloured(Validity.VALID, "VALID: held", Ansi.ON)).contains("32");
    assertThat(Explanation.coloured(Validity.INVALID, "INVALID: lost 1", Ansi.ON)).contains("31");
    assertThat(Explanation.coloured(Validity.UNKNOWN, "UNKNOWN: why", Ansi.ON)).contains(ESC);
  }

  @Test
  void withoutATerminalTheHeadlineIsPlainText() {
    assertThat(Explanation.coloured(Validity.VACUOUS, "VACUOUS: nothing landed", Ansi.OFF))
        .isEqualTo("VACUOUS: nothing landed");
  }
}
