package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One report from the runs directories of several machines, as a CI matrix's last job writes. */
class MergedReportTest {

  @TempDir Path dir;

  @Test
  void everyMachinesRunsAreInOneReportAndACopiedRunIsShownOnce() throws IOException {
    Path first = dir.resolve("runner-1/lab-runs");
    Path second = dir.resolve("runner-2/lab-runs");
    Path lost = new FakeRunFolder().startedAt("2026-11-27T10:00:00Z").lost().writeUnder(first);
    new FakeRunFolder()
        .pair("outbox/polling")
        .scenario("crash-after-commit", "The bank dies.")
        .startedAt("2026-11-27T11:00:00Z")
        .writeUnder(second);
    copy(lost, second.resolve(first.relativize(lost)));

    Path index = Report.write(List.of(first, second), dir.resolve("report"));

    JsonNode results = new ObjectMapper().readTree(dir.resolve("report/results.json").toFile());
    List<String> runs = new ArrayList<>();
    results.path("runs").forEach(run -> runs.add(run.path("folder").asText()));
    assertThat(runs)
        .as("one run of each machine; the copy of the first machine's run is not counted twice")
        .containsExactlyInAnyOrder(
            "naive/db-then-kafka/no-fault/20261127100000-fake",
            "outbox/polling/crash-after-commit/20261127110000-fake");
    assertThat(results.path("skipped").get(0).path("reason").asText())
        .as("the copy is listed as left out, naming where the shown one came from")
        .contains("also under " + first);
    assertThat(Files.readString(index))
        .as("the front page names both runs directories")
        .contains(first.toAbsolutePath().toString())
        .contains(second.toAbsolutePath().toString());
    assertThat(dir.resolve("report/runs/outbox/polling/crash-after-commit"))
        .as("the second machine's run has its page")
        .isDirectory();
  }

  @Test
  void aReportNeedsARunsDirectory() {
    assertThatThrownBy(() -> Report.write(List.of(), dir.resolve("report")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one runs directory");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
