package dualwrite.chaos.report;

import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.History;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the run folders under a runs directory, {@code <strategy>/<variant>/<scenario>/<run-id>/},
 * and reads them back.
 */
final class RunFolders {

  /** The files a run folder holds, in the order the runner writes them; run.json comes last. */
  static final List<String> FILES =
      List.of("scenario.json", "history.jsonl", "verdict.json", "truth.json", "run.json");

  private RunFolders() {}

  /**
   * Everything a run left.
   *
   * @param relative the folder relative to the runs directory, with {@code /} between names
   * @param truth null when the checker could not read it
   * @param history null when the folder has no history
   */
  record Loaded(
      Path folder,
      String relative,
      RunFolder.RunInfo info,
      Scenario scenario,
      Verdict verdict,
      Truth truth,
      History history) {}

  /** A folder the report leaves out, and why. */
  record Skipped(String relative, String reason) {}

  /** Every folder four levels down, sorted; none when {@code runs} does not exist. */
  static List<Path> find(Path runs) {
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(runs, 4)) {
      return walk.filter(Files::isDirectory)
          .filter(p -> runs.relativize(p).getNameCount() == 4)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the runs in " + runs, e);
    }
  }

  /**
   * Reads one folder.
   *
   * @param whole false to leave out the history and the truth, the folder's bulk
   * @throws IllegalStateException naming what is missing or unreadable
   */
  static Loaded read(Path runs, Path folder, boolean whole) {
    String relative = relative(runs, folder);
    if (!Files.exists(folder.resolve("run.json"))) {
      throw new IllegalStateException("no run.json: the run did not finish");
    }
    try {
      Path truth = folder.resolve("truth.json");
      Path history = folder.resolve("history.jsonl");
      return new Loaded(
          folder,
          relative,
          RunFolder.readInfo(folder),
          RunFolder.readScenario(folder),
          RunFolder.readVerdict(folder),
          whole && Files.exists(truth) ? RunFolder.readTruth(folder) : null,
          whole && Files.exists(history) ? History.read(history) : null);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(firstLine(e.getMessage() + ": " + cause.getMessage()), e);
    }
  }

  static String relative(Path runs, Path folder) {
    List<String> names = new ArrayList<>();
    runs.relativize(folder).forEach(p -> names.add(p.toString()));
    return String.join("/", names);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
