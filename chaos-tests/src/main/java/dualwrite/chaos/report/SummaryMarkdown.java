package dualwrite.chaos.report;

import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.property.Coverage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** summary.md: the matrix and the headline numbers in Markdown, to paste into a PR or an issue. */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

  static void write(
      Path file,
      String generatedAt,
      List<RunSummary> runs,
      Matrix matrix,
      List<GeneratedRuns> generated,
      Optional<Bench> bench) {
    StringBuilder md = new StringBuilder();
    md.append("# Dual-write lab report\n\n");
    if (runs.isEmpty()) {
      md.append("No runs yet: run `./mvnw verify` at the repository's root.\n");
      writeFile(file, md);
      return;
    }
    List<RunSummary> latest = matrix.latest();
    long held = latest.stream().filter(r -> r.validity() == Validity.VALID).count();
    long invalid = latest.stream().filter(r -> r.validity() == Validity.INVALID).count();
    long vacuous = latest.stream().filter(r -> r.validity() == Validity.VACUOUS).count();
    md.append(runs.size())
        .append(" runs, written ")
        .append(generatedAt)
        .append(". Catalogue, latest run of each pair: ")
        .append(held)
        .append(" held, ")
        .append(invalid)
        .append(" broke a promise")
        .append(vacuous > 0 ? ", " + vacuous + " proved nothing (vacuous)" : "")
        .append(".\n\n");

    md.append("## The fault catalogue\n\n| strategy / variant |");
    matrix.scenarios().forEach(s -> md.append(' ').append(s).append(" |"));
    md.append("\n|---|");
    matrix.scenarios().forEach(s -> md.append("---|"));
    md.append('\n');
    for (Matrix.Row row : matrix.rows()) {
      md.append("| ").append(row).append(" |");
      for (String scenario : matrix.scenarios()) {
        Matrix.Cell cell = matrix.cell(row, scenario);
        md.append(' ').append(cell == null ? "" : cell(cell.latest())).append(" |");
      }
      md.append('\n');
    }

    tradeOff(md, matrix);

    if (!generated.isEmpty()) {
      md.append("\n## Generated scenarios\n\n")
          .append(
              "| strategy / variant | runs | valid | invalid | unknown | vacuous | smallest"
                  + " counterexample |\n")
          .append("|---|---:|---:|---:|---:|---:|---|\n");
      for (GeneratedRuns g : generated) {
        RunSummary smallest = g.smallestCounterexample();
        md.append("| ")
            .append(g.row())
            .append(" | ")
            .append(g.total())
            .append(" | ")
            .append(g.valid())
            .append(" | ")
            .append(g.invalid().size())
            .append(" | ")
            .append(g.unknown())
            .append(" | ")
            .append(g.vacuous())
            .append(" | ")
            .append(
                smallest == null
                    ? "none"
                    : escape(
                        smallest.scenario()
                            + " ("
                            + smallest.steps()
                            + " steps): "
                            + String.join(", ", smallest.anomalyCounts())))
            .append(" |\n");
      }
    }

    if (!generated.isEmpty()) {
      md.append("\n## Did the faults land?\n\n")
          .append("Per variant, over its generated runs: how often each crash point was armed and")
          .append(" reached, and each fault kind armed and landed.\n");
      for (GeneratedRuns g : generated) {
        Coverage coverage = g.coverage();
        md.append("\n### ")
            .append(g.row())
            .append(": ")
            .append(coverage.runs())
            .append(" runs, ")
            .append(coverage.vacuous())
            .append(" vacuous\n\n| crash point or fault kind | armed | reached or landed |\n")
            .append("|---|---:|---:|\n");
        coverage
            .crashPoints()
            .forEach(
                (point, t) ->
                    md.append("| ")
                        .append(escape(point))
                        .append(" | ")
                        .append(t.armed())
                        .append(" | ")
                        .append(t.reached())
                        .append(" |\n"));
        coverage
            .faultKinds()
            .forEach(
                (kind, t) ->
                    md.append("| ")
                        .append(escape(kind))
                        .append(" | ")
                        .append(t.armed())
                        .append(" | ")
                        .append(t.landed())
                        .append(" |\n"));
      }
    }

    md.append("\n## Delivery lag without faults\n\n")
        .append("| strategy / variant | recording p50 | p99 | commit→publish p50 | p99 |")
        .append(" commit→check p50 | p99 |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Matrix.Row row : matrix.rows()) {
      Matrix.Cell cell = matrix.cell(row, IndexPage.NO_FAULT);
      if (cell == null) {
        continue;
      }
      RunSummary run = cell.latest();
      md.append("| ").append(row).append(" | ");
      md.append(pair(run.recording())).append(" | ");
      md.append(pair(run.lag() == null ? null : run.lag().commitToPublish())).append(" | ");
      md.append(pair(run.lag() == null ? null : run.lag().commitToCheck())).append(" |\n");
    }

    bench.ifPresent(
        b -> {
          md.append("\n## Benchmark\n\n")
              .append("| strategy / variant | throughput | recording p50 | p99 | relay drain |")
              .append(" end-to-end p50 | p99 |\n")
              .append("|---|---:|---:|---:|---:|---:|---:|\n");
          if (b.baseline() != null) {
            md.append("| baseline (no event) | ")
                .append(Plain.rate(b.baseline().throughputPerSecond()))
                .append(" | ")
                .append(Plain.millis(b.baseline().p50Ms()))
                .append(" | ")
                .append(Plain.millis(b.baseline().p99Ms()))
                .append(" | | | |\n");
          }
          for (Bench.Measured m : b.variants()) {
            Bench.Recording r = m.recording();
            md.append("| ")
                .append(m.strategy())
                .append('/')
                .append(m.variant())
                .append(" | ")
                .append(Plain.rate(r == null ? null : r.throughputPerSecond()))
                .append(" | ")
                .append(Plain.millis(r == null ? null : r.p50Ms()))
                .append(" | ")
                .append(Plain.millis(r == null ? null : r.p99Ms()))
                .append(" | ")
                .append(Plain.rate(m.relayDrainPerSecond()))
                .append(" | ")
                .append(Plain.millis(m.endToEndLag() == null ? null : m.endToEndLag().p50Ms()))
                .append(" | ")
                .append(Plain.millis(m.endToEndLag() == null ? null : m.endToEndLag().p99Ms()))
                .append(" |\n");
          }
        });
    md.append("\nThe full report, with a timeline of every run: `index.html` next to this file.\n");
    writeFile(file, md);
  }

  /**
   * Refused or delayed: for each catalogue fault, the latest run of each variant that ran it, with
   * the requests it refused and how long after the heal the fraud service waited.
   */
  private static void tradeOff(StringBuilder md, Matrix matrix) {
    StringBuilder rows = new StringBuilder();
    for (String scenario : matrix.scenarios()) {
      if (scenario.equals(IndexPage.NO_FAULT)) {
        continue;
      }
      for (Matrix.Row row : matrix.rows()) {
        Matrix.Cell cell = matrix.cell(row, scenario);
        if (cell == null) {
          continue;
        }
        TradeOff t = cell.latest().tradeOff();
        rows.append("| ")
            .append(scenario)
            .append(" | ")
            .append(row)
            .append(" | ")
            .append(escape(t.customers()))
            .append(" | ")
            .append(t.availabilityText())
            .append(" | ")
            .append(escape(t.fraudService()))
            .append(" | ")
            .append(cell(cell.latest()))
            .append(" |\n");
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("\n## Refused or delayed\n\n")
        .append("Each fault from both sides: the requests the bank refused (an error, a timeout or")
        .append(" no answer), and how long after the last fault ended the fraud service had")
        .append(" checked every committed transaction that got through.\n\n")
        .append("| fault | strategy / variant | customers | availability | fraud service |")
        .append(" verdict |\n")
        .append("|---|---|---|---:|---|---|\n")
        .append(rows);
  }

  private static String cell(RunSummary run) {
    String mark =
        switch (run.validity()) {
          case VALID -> "✅ valid";
          case INVALID ->
              "❌ "
                  + (run.anomalies().isEmpty()
                      ? "invalid"
                      : String.join(", ", run.anomalyCounts()));
          case UNKNOWN -> "❔ unknown";
          case VACUOUS -> "⚪ vacuous";
        };
    return escape(mark);
  }

  private static String pair(Quantiles q) {
    return q == null || q.count() == 0
        ? "— | —"
        : Plain.millis(q.p50()) + " | " + Plain.millis(q.p99());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static void writeFile(Path file, CharSequence text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
