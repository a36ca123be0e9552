package dualwrite.chaos.report;

import static dualwrite.chaos.report.Summaries.catalogue;
import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Verdict.Validity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {

  private static final VariantOrder ORDER =
      new VariantOrder(
          List.of(
              new Matrix.Row("naive", "db-then-kafka"),
              new Matrix.Row("naive", "kafka-then-db"),
              new Matrix.Row("outbox", "polling"),
              new Matrix.Row("event-sourced", "log-relay")),
          Map.of());

  @Test
  void eachCellHoldsTheLatestRunOfItsPairWhateverOrderTheRunsComeIn() {
    RunSummary older =
        catalogue("naive/db-then-kafka", "no-fault", "2026-11-27T10:00:00Z", Validity.INVALID);
    RunSummary latest =
        catalogue("naive/db-then-kafka", "no-fault", "2026-11-27T11:00:00Z", Validity.VALID);
    RunSummary oldest =
        catalogue("naive/db-then-kafka", "no-fault", "2026-11-27T09:00:00Z", Validity.UNKNOWN);
    RunSummary other =
        catalogue("naive/kafka-then-db", "no-fault", "2026-11-27T08:00:00Z", Validity.VALID);

    Matrix matrix =
        Matrix.of(List.of(older, latest, oldest, other), ORDER, List.of(), List.of("no-fault"));

    Matrix.Cell cell = matrix.cell(new Matrix.Row("naive", "db-then-kafka"), "no-fault");
    assertThat(cell.latest())
        .as("the run that started last, not the last one read")
        .isEqualTo(latest);
    assertThat(cell.runs()).as("and how many runs the pair has").isEqualTo(3);
    assertThat(matrix.cell(new Matrix.Row("naive", "kafka-then-db"), "no-fault").latest())
        .as("another variant's cell is its own")
        .isEqualTo(other);
    assertThat(matrix.cell(new Matrix.Row("naive", "kafka-then-db"), "crash-after-commit"))
        .as("a pair never run has no cell")
        .isNull();
  }

  @Test
  void runsStartedTheSameInstantAreOrderedByRunId() {
    RunSummary a =
        catalogue("outbox/polling", "no-fault", "2026-11-27T10:00:00Z", Validity.INVALID);
    RunSummary b =
        new RunSummary(
            a.strategy(),
            a.variant(),
            a.scenario(),
            a.origin(),
            0,
            a.runId() + "-b",
            a.startedAt(),
            Validity.VALID,
            Map.of(),
            null,
            a.recording(),
            1,
            true,
            1,
            1,
            a.folder(),
            a.page(),
            "valid",
            List.of(),
            null);

    Matrix matrix = Matrix.of(List.of(b, a), ORDER, List.of(), List.of("no-fault"));

    assertThat(matrix.cell(new Matrix.Row("outbox", "polling"), "no-fault").latest())
        .as("the run id, which starts with the time, breaks the tie")
        .isEqualTo(b);
  }

  @Test
  void onlyCatalogueRunsFillCellsAndRowsPutTheNaiveVariantsFirstThenTheFixes() {
    List<RunSummary> runs =
        List.of(
            catalogue(
                "event-sourced/log-relay", "no-fault", "2026-11-27T10:00:00Z", Validity.VALID),
            catalogue("outbox/polling", "a-new-scenario", "2026-11-27T10:00:00Z", Validity.VALID),
            catalogue("zeta/first", "no-fault", "2026-11-27T10:00:00Z", Validity.VALID),
            Summaries.run(
                "naive/kafka-then-db",
                "generated-7",
                "generated",
                "2026-11-27T10:00:00Z",
                Validity.INVALID,
                Map.of("phantom", 1),
                9),
            Summaries.run(
                "naive/db-then-kafka",
                "my-test",
                "test",
                "2026-11-27T10:00:00Z",
                Validity.VALID,
                Map.of(),
                3));

    Matrix matrix =
        Matrix.of(runs, ORDER, ORDER.known(), List.of("no-fault", "crash-after-commit"));

    assertThat(matrix.rows())
        .as("every known variant in the strategies' order, unknown strategies last")
        .extracting(Matrix.Row::toString)
        .containsExactly(
            "naive/db-then-kafka",
            "naive/kafka-then-db",
            "outbox/polling",
            "event-sourced/log-relay",
            "zeta/first");
    assertThat(matrix.scenarios())
        .as("the catalogue's order, then catalogue scenarios the catalogue no longer lists")
        .containsExactly("no-fault", "crash-after-commit", "a-new-scenario");
    assertThat(matrix.latest())
        .as("generated and test runs stay out of the matrix")
        .extracting(RunSummary::origin)
        .containsOnly("catalogue");
  }
}
