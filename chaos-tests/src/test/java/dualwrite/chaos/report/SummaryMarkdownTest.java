package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.md from its Mustache template: Markdown, not HTML, with table cells kept whole. */
class SummaryMarkdownTest {

  @TempDir Path dir;

  @Test
  void aValueIsATableCellNotHtml() throws IOException {
    Path file = dir.resolve("cell.md");

    Pages.writeMarkdown("cell-test.md", "<b>a</b> & 'b' | c\nd", file);

    assertThat(Files.readString(file))
        .as("markup as it is, the pipe escaped and the line break a space")
        .isEqualTo("| <b>a</b> & 'b' \\| c d |\n");
  }

  @Test
  void withoutRunsTheSummaryIsItsTitleAndWhatToRun() throws IOException {
    Report.write(dir.resolve("no-such-runs"), dir.resolve("report"));

    assertThat(Files.readString(dir.resolve("report/summary.md")))
        .isEqualTo(
            "# Dual-write lab report\n\n"
                + "No runs yet: run `./mvnw verify` at the repository's root.\n");
  }
}
