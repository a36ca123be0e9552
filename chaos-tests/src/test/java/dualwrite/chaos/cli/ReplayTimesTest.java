package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.scenario.Catalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./lab replay --times 2} runs the scenario twice for real, and its tally says so. */
class ReplayTimesTest {

  private static final Pattern LISTED_FOLDER = Pattern.compile("(?m)^ +\\d+\\. .* -> (.+)$");

  @Test
  void replayingTwiceLeavesTwoFoldersAndTalliesTwoRuns(@TempDir Path recorded) throws IOException {
    // a run folder as `./lab run outbox/polling no-fault` leaves it, without making that run
    RunFolder.JSON.writeValue(
        recorded.resolve("scenario.json").toFile(), Catalogue.named("no-fault"));
    RunFolder.JSON.writeValue(
        recorded.resolve("run.json").toFile(),
        new RunFolder.RunInfo(
            "recorded",
            "outbox",
            "polling",
            "no-fault",
            "embedded",
            Instant.now(),
            null,
            true,
            0,
            true,
            1));
    StringWriter out = new StringWriter();
    CommandLine lab = Lab.commandLine();
    lab.setOut(new PrintWriter(out));

    int status = lab.execute("replay", recorded.toString(), "--times", "2");

    assertThat(out.toString())
        .as("the tally of two valid runs")
        .contains("replayed outbox/polling no-fault 2 times\n  valid   2 of 2");
    assertThat(status).as("a fix that kept its promise twice").isZero();
    List<Path> folders =
        LISTED_FOLDER.matcher(out.toString()).results().map(m -> Path.of(m.group(1))).toList();
    assertThat(folders)
        .as("each run is listed with its own folder")
        .hasSize(2)
        .doesNotHaveDuplicates();
    assertThat(folders)
        .as("each run left its folder")
        .allSatisfy(f -> assertThat(f.resolve("verdict.json")).exists());
  }
}
