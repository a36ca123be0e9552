package dualwrite.chaos.report;

import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the lab's report from the run folders under a runs directory: {@code index.html} (the
 * catalogue matrix, the generated runs, the strategies side by side, the benchmark, a legend), a
 * page per run under {@code runs/}, {@code results.json} and {@code summary.md}. Every page opens
 * from disk with nothing fetched from the network: styles are inline and charts are PNG {@code
 * data:} URIs. A runs directory with no runs gives a report that says so.
 */
public final class Report {

  private static final List<String> OWN_FILES = List.of("index.html", "results.json", "summary.md");

  private Report() {}

  /**
   * Writes the report.
   *
   * @param runs the runs directory, such as {@code chaos-tests/target/lab-runs}; it may be missing
   * @param out the report's folder; what an earlier report left there is replaced
   * @return the path of index.html
   * @throws UncheckedIOException when the report cannot be written
   */
  public static Path write(Path runs, Path out) {
    Instant now = Instant.now();
    String generatedAt = RunPage.WHEN.format(now);
    VariantOrder order = VariantOrder.fromClasspath();
    clean(out);

    List<RunFolders.Skipped> skipped = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    List<RunSummary> light = new ArrayList<>();
    for (Path folder : RunFolders.find(runs)) {
      try {
        RunFolders.Loaded run = RunFolders.read(runs, folder, false);
        light.add(RunSummary.of(run, null, null));
        folders.add(folder);
      } catch (RuntimeException e) {
        skipped.add(new RunFolders.Skipped(RunFolders.relative(runs, folder), e.getMessage()));
      }
    }
    Map<String, List<RunSummary>> siblings =
        light.stream().collect(Collectors.groupingBy(Report::pairAndScenario));

    List<RunSummary> summaries = writeRunPages(runs, out, folders, light, siblings, order, skipped);
    summaries.sort(
        Comparator.comparing(
                (RunSummary r) -> new Matrix.Row(r.strategy(), r.variant()), order.rows())
            .thenComparing(RunSummary::scenario)
            .thenComparing(Matrix.BY_START));

    Matrix matrix =
        Matrix.of(
            summaries, order, order.known(), Catalogue.all().stream().map(Scenario::name).toList());
    List<GeneratedTally> generated = GeneratedTally.of(summaries, order);
    generated.forEach(g -> GeneratedPage.write(g, out));

    Optional<Bench> bench;
    String benchNote;
    try {
      bench = Bench.near(runs);
      benchNote =
          "No "
              + Bench.FILE
              + " next to the runs yet: the benchmark writes one, and its figures"
              + " appear here.";
    } catch (UncheckedIOException e) {
      bench = Optional.empty();
      benchNote = Bench.FILE + " is there but unreadable: " + e.getCause().getMessage();
    }

    String runsDir = runs.toAbsolutePath().normalize().toString();
    IndexInput index =
        new IndexInput(
            runsDir, generatedAt, summaries, matrix, generated, bench, benchNote, order, skipped);
    IndexView page = IndexPage.view(index);
    IndexPage.write(page, out);
    ResultsJson.write(
        out.resolve("results.json"), now, runsDir, summaries, matrix.latest(), skipped);
    // the same view as the front page, charts and all drawn once
    SummaryMarkdown.write(out.resolve("summary.md"), index, page);
    return out.resolve("index.html");
  }

  /** Renders the run pages on every core: their charts are most of the report's work. */
  private static List<RunSummary> writeRunPages(
      Path runs,
      Path out,
      List<Path> folders,
      List<RunSummary> light,
      Map<String, List<RunSummary>> siblings,
      VariantOrder order,
      List<RunFolders.Skipped> skipped) {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "report");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<RunSummary>> pages = new ArrayList<>();
      for (int i = 0; i < folders.size(); i++) {
        Path folder = folders.get(i);
        RunSummary known = light.get(i);
        List<RunSummary> same = siblings.get(pairAndScenario(known));
        String description =
            order.descriptions().get(new Matrix.Row(known.strategy(), known.variant()));
        pages.add(
            pool.submit(
                () -> {
                  try {
                    return RunPage.write(
                        RunFolders.read(runs, folder, true), same, description, out);
                  } catch (RuntimeException e) {
                    // the history or the truth is unreadable: a page without them still tells the
                    // verdict
                    synchronized (skipped) {
                      skipped.add(
                          new RunFolders.Skipped(
                              known.folder(),
                              "shown without history and truth: " + e.getMessage()));
                    }
                    return RunPage.write(
                        RunFolders.read(runs, folder, false), same, description, out);
                  }
                }));
      }
      List<RunSummary> summaries = new ArrayList<>();
      for (Future<RunSummary> page : pages) {
        summaries.add(page.get());
      }
      return summaries;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the run pages", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write a run page: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static String pairAndScenario(RunSummary run) {
    return run.strategy() + "/" + run.variant() + "/" + run.scenario();
  }

  /** Removes what an earlier report wrote, and only that. */
  private static void clean(Path out) {
    try {
      Files.createDirectories(out);
      for (String name : OWN_FILES) {
        Files.deleteIfExists(out.resolve(name));
      }
      Path pages = out.resolve("runs");
      if (Files.isDirectory(pages)) {
        try (Stream<Path> walk = Files.walk(pages)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the report folder " + out, e);
    }
  }
}
