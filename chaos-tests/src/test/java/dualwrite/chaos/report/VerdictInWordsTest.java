package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One model of a verdict in words: what the terminal and the run page say, each from it. */
class VerdictInWordsTest {

  private static final Counts COUNTS = new Counts(7, 4, 2, 1, 5, 4, 0, 4, 4, Map.of());

  @Test
  void anInvalidVerdictNamesEachAnomalyWithWhatItsClientsWereTold() {
    List<UUID> lost = new ArrayList<>();
    Ops ops = new Ops();
    for (int i = 0; i < 7; i++) {
      UUID id = UUID.randomUUID();
      lost.add(id);
      ops.invoke("0", id, "deposit", 10 + i)
          .complete("0", Op.Type.FAIL, id, "deposit", 20 + i, "x");
    }
    Map<String, List<UUID>> anomalies = new LinkedHashMap<>();
    anomalies.put("lost", lost);
    Verdict verdict =
        new Verdict(
            Validity.INVALID,
            anomalies,
            COUNTS,
            null,
            List.of(new Verdict.Unresolved(lost.get(0), true)),
            null,
            List.of(new FaultOutcome("kill(relay)", "kill", "relay", true, "the relay had work")));

    VerdictInWords words = VerdictInWords.of(verdict, ops.list(), true);

    assertThat(words.headline()).isEqualTo("INVALID: lost 7");
    assertThat(words.summary()).isEqualTo(verdict.summary()).isEqualTo("invalid: lost 7");
    assertThat(words.transactions().line())
        .isEqualTo(
            "7 requests: 4 ok, 2 failed, 1 unknown; 5 committed, 4 records on the topic,"
                + " 4 fraud checks");
    VerdictInWords.Hit hit = words.anomalies().get(0);
    assertThat(hit.line()).isEqualTo("lost 7: committed in the database, never published");
    assertThat(hit.examples())
        .as("the first five, each with what its client was told")
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.told()).isEqualTo("told it failed"));
    assertThat(hit.more()).isEqualTo(2);
    assertThat(words.unanswered().line())
        .isEqualTo(
            "1 request ended without an answer the client could trust; the truth: 1 committed,"
                + " 0 not");
    assertThat(words.sentences())
        .as("the page says the same facts as prose")
        .containsExactly(
            "Promises broke: lost 7.",
            "7 requests: 4 ok, 2 failed, 1 unknown; 5 committed, 4 records on the topic,"
                + " 4 fraud checks.",
            "7 transactions were lost: committed in the database, never published.",
            "1 request ended without an answer the client could trust; the truth: 1 committed,"
                + " 0 not.");
    assertThat(words.faults()).extracting(FaultOutcome::step).containsExactly("kill(relay)");
  }

  @Test
  void aVacuousOrUnknownVerdictSaysWhyItClaimsNothing() {
    Verdict vacuous =
        new Verdict(
            Validity.VACUOUS,
            Map.of(),
            COUNTS,
            null,
            List.of(),
            "none of its 2 faults landed",
            List.of());
    assertThat(VerdictInWords.of(vacuous).headline())
        .isEqualTo(
            "VACUOUS: every promise held, but none of its 2 faults landed, so this run proves"
                + " nothing about them.");
    assertThat(VerdictInWords.of(vacuous).sentences().get(0))
        .endsWith("proves nothing about them. It is never counted as held.");

    VerdictInWords unknown = VerdictInWords.of(Verdict.unknown("no truth"), List.of(), false);
    assertThat(unknown.headline()).isEqualTo("UNKNOWN: the checker could not tell (no truth)");
    assertThat(unknown.transactions()).as("an unknown verdict counts nothing it claims").isNull();
    assertThat(unknown.sentences())
        .containsExactly(
            "The checker could not tell (no truth). Nothing can be said about this run.",
            "The system had not settled when the runner stopped waiting: events may still have"
                + " been on their way when the checker looked.");
  }

  @Test
  void summaryMarkdownBadgesEachVerdict() {
    assertThat(VerdictInWords.badge(Validity.VALID, List.of())).isEqualTo("✅ valid");
    assertThat(VerdictInWords.badge(Validity.INVALID, List.of("lost 1", "late 2")))
        .isEqualTo("❌ lost 1, late 2");
    assertThat(VerdictInWords.badge(Validity.VACUOUS, List.of())).isEqualTo("⚪ vacuous");
    assertThat(VerdictInWords.badge(Validity.UNKNOWN, List.of())).isEqualTo("❔ unknown");
  }
}
