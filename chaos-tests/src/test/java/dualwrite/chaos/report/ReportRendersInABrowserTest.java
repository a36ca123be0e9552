package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Catalogue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The report as a reader sees it: two real runs (and one of them relabelled as a generated run),
 * their report, and headless Chromium opening the index, a run page and the generated runs' list.
 * Skipped where Chromium is not installed ({@code apt-get install chromium}). Screenshots stay in
 * {@code target/report-browser} for a person to look at.
 */
@EnabledIf("chromiumIsInstalled")
class ReportRendersInABrowserTest {

  private static final Path HERE = Path.of("target", "report-browser");
  private static final Chromium CHROMIUM = new Chromium(HERE.resolve("chromium"));

  private static Path index;
  private static RunResult crash;

  static boolean chromiumIsInstalled() {
    return Chromium.installed();
  }

  @BeforeAll
  static void runTwoScenariosAndWriteTheirReport() throws IOException {
    deleteRecursively(HERE);
    Path runs = HERE.resolve("runs");
    // The suite's one runner (a second one would clash over template databases); its folders are
    // copied here, so that this report holds these runs alone.
    RunResult noFault = LabRuns.run("naive/db-then-kafka", Catalogue.noFault());
    crash = LabRuns.run("naive/db-then-kafka", Catalogue.crashAfterCommit());
    copy(noFault.folder(), runs.resolve("naive/db-then-kafka/no-fault"));
    copy(crash.folder(), runs.resolve("naive/db-then-kafka/crash-after-commit"));
    // A generated run, for the generated section: the crash's folder, named as a generator would.
    Path generated = copy(crash.folder(), runs.resolve("naive/db-then-kafka/generated-7"));
    relabel(generated.resolve("scenario.json"), "name", "generated-7", "origin", "generated");
    relabel(generated.resolve("run.json"), "scenario", "generated-7", null, null);
    // The benchmark will write this file; its figures here are made up.
    Files.writeString(
        runs.resolve("bench.json"),
        """
        {"at": "2026-11-27T10:00:00Z", "machine": "the browser test, made-up figures",
         "threads": 4,
         "baseline": {"perSecond": 1800.0, "p50": 0.9, "p99": 4.0, "operations": 9000},
         "ledgerBaseline": {"perSecond": 900.0, "p50": 1.8, "p99": 6.0, "operations": 4500},
         "variants": [{"variant": "naive/db-then-kafka", "fix": false,
           "recording": {"perSecond": 700.0, "p50": 2.5, "p99": 11.0, "operations": 3500},
           "ofBaseline": 0.39, "ofLedger": 0.78, "steadyRate": 100,
           "lagP50": 45.0, "lagP99": 160.0}]}
        """);
    index = Report.write(runs, HERE.resolve("report"));
  }

  @Test
  void theIndexShowsTheMatrixItsChartsDecodeAndItsLinksResolve() throws IOException {
    Chromium.Rendered page = CHROMIUM.inspect(index);

    assertThat(page.error()).as("the check page could read the report").isNull();
    assertThat(page.title()).as("the index loaded").isEqualTo("Dual-write lab report");
    assertThat(page.matrixCells()).as("the matrix has its cells").isGreaterThan(0);
    assertThat(Files.readString(index))
        .as("a green cell for no-fault and a red one for the crash")
        .contains("cell valid")
        .contains("cell invalid");
    assertThat(page.images())
        .as("the lag chart and the benchmark's two charts")
        .extracting(Chromium.Image::id)
        .contains("lag-chart");
    assertThat(page.images()).as("three charts").hasSize(3);
    assertDecodedAndInline(page);
    assertLinksResolve(index, page.links());
    assertThat(page.fetched()).as("nothing is fetched: no stylesheet, script or frame").isEmpty();
    assertThat(page.console()).as("nothing on the console").isEmpty();
    assertThat(page.tradeOffCells())
        .as("crash-after-commit set refused against delayed")
        .isEqualTo(1);
    CHROMIUM.screenshot(index, HERE.resolve("index.png"), 1400, 2400);
  }

  @Test
  void theMatrixSwitchShowsOneViewAtATime() {
    Chromium.Rendered page = CHROMIUM.inspect(index);

    assertThat(page.error()).as("the check page could read the report").isNull();
    assertThat(page.views())
        .as("a label per view, each clicked")
        .containsOnlyKeys("view-verdicts", "view-availability", "view-delay");
    for (String view : List.of("verdicts", "availability", "delay")) {
      Chromium.View shown = page.views().get("view-" + view);
      assertThat(shown.shown())
          .as("after a click on %s, the first cell (no-fault) shows that view alone", view)
          .containsExactly("view " + view);
      assertThat(shown.about())
          .as("and the paragraph that explains it")
          .containsExactly("muted small about about-" + view);
    }
    assertThat(page.views().get("view-availability").background())
        .as("no-fault accepted every request: green")
        .isEqualTo("rgb(227, 242, 229)");
    assertThat(page.views().get("view-delay").background())
        .as("no-fault broke nothing, so nothing was delayed: no colour")
        .isEqualTo("rgb(255, 255, 255)");
  }

  @Test
  void aRunPageShowsItsTimelineAndProgressAndTheLostTransaction() throws IOException {
    Path runPage =
        index
            .resolveSibling(
                RunPage.pathOf(
                    "naive",
                    "db-then-kafka",
                    "crash-after-commit",
                    crash.folder().getFileName().toString()))
            .normalize();
    Chromium.Rendered page = CHROMIUM.inspect(runPage);

    assertThat(page.error()).as("the check page could read the run page").isNull();
    assertThat(page.images())
        .as("the timeline and the committed/published/checked chart")
        .extracting(Chromium.Image::id)
        .containsExactly("timeline-chart", "progress-chart");
    assertDecodedAndInline(page);
    assertLinksResolve(runPage, page.links());
    assertThat(page.fetched()).as("nothing is fetched").isEmpty();
    assertThat(page.console()).as("nothing on the console").isEmpty();
    String lost = crash.verdict().of(Anomaly.LOST).get(0).toString();
    assertThat(Files.readString(runPage))
        .as("the anomaly table names the lost transaction")
        .contains(lost.substring(0, 8));
    assertThat(page.flows())
        .as("a message flow shows the lost transaction")
        .anySatisfy(flow -> assertThat(flow.anomalies().split(" ")).contains("lost"));
    assertThat(page.filtered())
        .as("the page has a button that picks out an anomaly's flows")
        .isNotNull();
    for (Chromium.Flow flow : page.filtered().flows()) {
      boolean hit = List.of(flow.anomalies().split(" ")).contains(page.filtered().anomaly());
      assertThat(flow.classes())
          .as("a click on %s picks out the flows it hit and dims the others", flow.tx())
          .isEqualTo(hit ? "flow hl" : "flow dim");
    }
    assertThat(page.cleared())
        .as("a second click clears")
        .extracting(Chromium.Flow::classes)
        .containsOnly("flow");
    CHROMIUM.screenshot(runPage, HERE.resolve("run.png"), 1400, 2600);
  }

  @Test
  void theListOfGeneratedRunsLinksToEachRun() {
    Path list = index.resolveSibling("runs/naive/db-then-kafka/generated.html");
    Chromium.Rendered page = CHROMIUM.inspect(list);

    assertThat(page.links()).as("a link to the generated run").isNotEmpty();
    assertLinksResolve(list, page.links());
    assertThat(page.console()).as("nothing on the console").isEmpty();
  }

  private static void assertDecodedAndInline(Chromium.Rendered page) {
    for (Chromium.Image image : page.images()) {
      assertThat(image.inline()).as(image.id() + " is a PNG inside the page").isTrue();
      assertThat(image.complete() && image.width() > 0)
          .as(image.id() + " loaded and decoded in the browser")
          .isTrue();
    }
  }

  private static void assertLinksResolve(Path page, List<String> links) {
    assertThat(links).as("the page has links").isNotEmpty();
    for (String link : links) {
      URI uri = URI.create(link);
      assertThat(uri.isAbsolute()).as(link + " is relative: the report needs no network").isFalse();
      Path target = page.getParent().resolve(uri.getPath()).normalize();
      assertThat(target)
          .as(link + " on " + page.getFileName() + " resolves to a file")
          .isRegularFile();
    }
  }

  /** Copies a run folder into {@code parent}, under its own name. */
  private static Path copy(Path folder, Path parent) throws IOException {
    Path target = parent.resolve(folder.getFileName());
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }

  private static void relabel(Path json, String field, String value, String other, String to)
      throws IOException {
    ObjectNode node = (ObjectNode) RunFolder.JSON.readTree(json.toFile());
    node.put(field, value);
    if (other != null) {
      node.put(other, to);
    }
    RunFolder.JSON.writeValue(json.toFile(), node);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
