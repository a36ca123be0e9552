package dualwrite.chaos.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The list of one variant's generated runs, smallest first, so the index can stay short however
 * many the property suites wrote.
 */
final class GeneratedPage {

  private GeneratedPage() {}

  /** {@code runs/<strategy>/<variant>/generated.html}, relative to the report. */
  static String pathOf(Matrix.Row row) {
    return Href.of("runs", row.strategy(), row.variant(), "generated.html");
  }

  static void write(GeneratedTally generated, Path out) {
    List<RunView> runs =
        generated.all().stream()
            .map(
                r ->
                    new RunView(
                        r.scenario(),
                        r.steps(),
                        r.records(),
                        r.word(),
                        r.word(),
                        String.join(", ", r.anomalyCounts()),
                        r.runId(),
                        Href.of(r.scenario(), r.runId() + ".html")))
            .toList();
    View view =
        new View(
            "../../../index.html",
            generated.row().toString(),
            generated.total(),
            generated.valid(),
            generated.invalid().size(),
            generated.unknown(),
            generated.vacuous(),
            runs);
    Matrix.Row row = generated.row();
    Pages.write(
        "generated",
        view,
        out.resolve("runs")
            .resolve(row.strategy())
            .resolve(row.variant())
            .resolve("generated.html"));
  }

  record View(
      String indexHref,
      String pair,
      int total,
      int valid,
      int invalid,
      int unknown,
      int vacuous,
      List<RunView> runs) {}

  record RunView(
      String scenario,
      int steps,
      long records,
      String word,
      String tone,
      String counts,
      String runId,
      String href) {}
}
