package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  @Test
  void aRunsDirectoryWithNoRunsGivesAReportThatSaysSo() throws IOException {
    Path index = Report.write(dir.resolve("no-such-runs"), dir.resolve("report"));

    assertThat(index).as("the index is written").isRegularFile();
    assertThat(Files.readString(index)).as("and says why it is empty").contains("No runs yet");
    assertThat(results().path("runs").size()).as("results.json lists no run").isZero();
    assertThat(Files.readString(dir.resolve("report/summary.md")))
        .as("summary.md says so too")
        .contains("No runs yet");
  }

  @Test
  void everythingARunFolderSaysIsEscapedInThePages() throws IOException {
    Path runs = dir.resolve("runs");
    new FakeRunFolder()
        .scenario("no-fault", "<script>alert('scenario')</script> & more")
        .request("deposit <b>acct-1</b>")
        .lost()
        .writeUnder(runs);

    Report.write(runs, dir.resolve("report"));

    String page = Files.readString(onlyRunPage());
    assertThat(page)
        .as("the run page shows the text, escaped")
        .contains("&lt;script&gt;alert(&#39;scenario&#39;)&lt;/script&gt; &amp; more")
        .contains("deposit &lt;b&gt;acct-1&lt;/b&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>acct-1");
    assertThat(page)
        .as("the lost transaction's message flow, its request escaped inside the SVG too")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\"")
        .contains("data-anomalies=\"lost\"")
        .contains("<button type=\"button\" class=\"anomaly-filter\" data-anomaly=\"lost\"");
  }

  @Test
  void aFolderWhoseRunDidNotFinishIsListedAsLeftOut() throws IOException {
    Path runs = dir.resolve("runs");
    Path unfinished = new FakeRunFolder().writeUnder(runs);
    Files.delete(unfinished.resolve("run.json"));
    new FakeRunFolder().scenario("crash-after-commit", "The bank dies.").writeUnder(runs);

    Path index = Report.write(runs, dir.resolve("report"));

    assertThat(results().path("runs").size()).as("the finished run is reported").isEqualTo(1);
    assertThat(results().path("skipped").get(0).path("reason").asText())
        .as("the other one is left out, saying why")
        .contains("run.json");
    assertThat(Files.readString(index)).as("on the index too").contains("Folders left out");
  }

  @Test
  void resultsAndSummaryMarkTheLatestRunOfEachPair() throws IOException {
    Path runs = dir.resolve("runs");
    new FakeRunFolder().startedAt("2026-11-27T12:00:00Z").lost().writeUnder(runs);
    new FakeRunFolder().startedAt("2026-11-27T10:00:00Z").writeUnder(runs);

    Report.write(runs, dir.resolve("report"));

    JsonNode entries = results().path("runs");
    assertThat(entries.size()).as("both runs are listed").isEqualTo(2);
    for (JsonNode run : entries) {
      boolean newer = run.path("startedAt").asText().startsWith("2026-11-27T12");
      assertThat(run.path("latest").asBoolean())
          .as("only the newer run is the latest: " + run)
          .isEqualTo(newer);
      assertThat(run.path("verdict").asText())
          .as("the newer run lost its event")
          .isEqualTo(newer ? "invalid" : "valid");
    }
    assertThat(Files.readString(dir.resolve("report/summary.md")))
        .as("the Markdown matrix shows the latest run")
        .containsPattern("\\| naive/db-then-kafka \\| ❌ lost 1 \\|");
  }

  @Test
  void theBenchmarksFiguresComeFromBenchJsonBesideTheRunsDirectory() throws IOException {
    Path runs = dir.resolve("lab-runs");
    new FakeRunFolder().writeUnder(runs);
    Files.writeString(
        dir.resolve("bench.json"),
        """
        {"at": "2026-11-27T10:00:00Z", "machine": "a test", "threads": 4,
         "baseline": {"perSecond": 4000.0, "p50": 0.5, "p99": 2.0, "operations": 20000},
         "ledgerBaseline": {"perSecond": 2000.0, "p50": 1.0, "p99": 4.0, "operations": 10000},
         "variants": [{"variant": "naive/db-then-kafka", "fix": false,
                       "recording": {"perSecond": 1500.0, "p50": 2.0, "p99": 9.0,
                                     "operations": 7500},
                       "ofBaseline": 0.375, "ofLedger": 0.75, "steadyRate": 100,
                       "lagP50": 40.0, "lagP99": 120.0,
                       "someFigureFromLater": 1}]}
        """);

    Path index = Report.write(runs, dir.resolve("report"));

    assertThat(Files.readString(index))
        .as("the benchmark's table, with the share of the baseline")
        .contains("1,500/s")
        .contains("75%")
        .doesNotContain("No bench.json");
    assertThat(Files.readString(dir.resolve("report/summary.md")))
        .as("and in the summary")
        .contains("## Benchmark");
  }

  private JsonNode results() throws IOException {
    return new ObjectMapper().readTree(dir.resolve("report/results.json").toFile());
  }

  private Path onlyRunPage() throws IOException {
    try (var pages = Files.walk(dir.resolve("report/runs"))) {
      return pages
          .filter(p -> p.toString().endsWith(".html") && !p.endsWith("generated.html"))
          .findFirst()
          .orElseThrow();
    }
  }
}
