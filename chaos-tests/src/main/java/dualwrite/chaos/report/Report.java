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
import java.util.HashMap;
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
    return write(List.of(runs), out);
  }

  /**
   * Writes one report from several runs directories, such as the ones several machines of a CI
   * matrix each filled with their slice of the scenarios ({@code ./lab report --merge}). A run
   * folder keeps its path under its own directory; when two directories hold a folder of the same
   * path (the same run, copied twice), the first is shown and the second is listed as left out.
   *
   * @param runsDirs one or more runs directories; any may be missing
   * @param out the report's folder; what an earlier report left there is replaced
   * @return the path of index.html
   * @throws UncheckedIOException when the report cannot be written
   */
  public static Path write(List<Path> runsDirs, Path out) {
    if (runsDirs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one runs directory");
    }
    Instant now = Instant.now();
    String generatedAt = RunPage.WHEN.format(now);
    VariantOrder order = VariantOrder.fromClasspath();
    clean(out);

    List<RunFolders.Skipped> skipped = new ArrayList<>();
    List<Found> folders = new ArrayList<>();
    List<RunSummary> light = new ArrayList<>();
    readLight(runsDirs, folders, light, skipped);
    Map<String, List<RunSummary>> siblings =
        light.stream().collect(Collectors.groupingBy(Report::pairAndScenario));

    List<RunSummary> summaries = writeRunPages(out, folders, light, siblings, order, skipped);
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
      bench = Bench.near(runsDirs);
      benchNote =
          "No "
              + Bench.FILE
              + " next to the runs yet: the benchmark writes one, and its figures"
              + " appear here.";
    } catch (UncheckedIOException e) {
      bench = Optional.empty();
      benchNote = Bench.FILE + " is there but unreadable: " + e.getCause().getMessage();
    }

    String runsDir =
        runsDirs.stream()
            .map(runs -> runs.toAbsolutePath().normalize().toString())
            .collect(Collectors.joining(" + "));
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
      Path out,
      List<Found> folders,
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
        Found found = folders.get(i);
        RunSummary known = light.get(i);
        List<RunSummary> same = siblings.get(pairAndScenario(known));
        String description =
            order.descriptions().get(new Matrix.Row(known.strategy(), known.variant()));
        pages.add(pool.submit(() -> writePage(found, known, same, description, out, skipped)));
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

  /** One run's page, or, when its history or truth is unreadable, a page without them. */
  private static RunSummary writePage(
      Found found,
      RunSummary known,
      List<RunSummary> same,
      String description,
      Path out,
      List<RunFolders.Skipped> skipped) {
    try {
      return RunPage.write(
          RunFolders.read(found.runs(), found.folder(), true), same, description, out);
    } catch (RuntimeException e) {
      // the history or the truth is unreadable: a page without them still tells the verdict
      synchronized (skipped) {
        skipped.add(
            new RunFolders.Skipped(
                known.folder(), "shown without history and truth: " + e.getMessage()));
      }
      return RunPage.write(
          RunFolders.read(found.runs(), found.folder(), false), same, description, out);
    }
  }

  /**
   * Reads every run folder's verdict and scenario (not its bulk) into {@code light}, the folder
   * into {@code folders} at the same index; a folder it cannot read, or whose path an earlier runs
   * directory already gave, goes to {@code skipped} with the reason.
   */
  private static void readLight(
      List<Path> runsDirs,
      List<Found> folders,
      List<RunSummary> light,
      List<RunFolders.Skipped> skipped) {
    Map<String, Path> seen = new HashMap<>();
    for (Path runs : runsDirs) {
      for (Path folder : RunFolders.find(runs)) {
        String relative = RunFolders.relative(runs, folder);
        Path first = seen.putIfAbsent(relative, runs);
        if (first != null) {
          skipped.add(
              new RunFolders.Skipped(
                  relative, "also under " + first + ": the report shows that one, not " + runs));
          continue;
        }
        try {
          light.add(RunSummary.of(RunFolders.read(runs, folder, false), null, null));
          folders.add(new Found(runs, folder));
        } catch (RuntimeException e) {
          skipped.add(new RunFolders.Skipped(relative, e.getMessage()));
        }
      }
    }
  }

  /** A run folder, and the runs directory it was found under. */
  private record Found(Path runs, Path folder) {}

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
