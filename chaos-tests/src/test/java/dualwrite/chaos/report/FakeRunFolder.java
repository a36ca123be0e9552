package dualwrite.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a run folder the way the runner does, for the report's tests that need one with exact
 * contents: one client records one transaction, which commits and is lost, or goes through.
 */
final class FakeRunFolder {

  private String strategy = "naive";
  private String variant = "db-then-kafka";
  private String scenario = "no-fault";
  private String description = "Nothing breaks.";
  private String request = "deposit acct-1 10.00 EUR";
  private Instant startedAt = Instant.parse("2026-11-27T10:00:00Z");
  private boolean lost;
  private boolean measured = true;
  private Long requests;
  private Long accepted;
  private Long delayAfterHealMs;

  FakeRunFolder pair(String strategyAndVariant) {
    String[] parts = strategyAndVariant.split("/", 2);
    strategy = parts[0];
    variant = parts[1];
    return this;
  }

  FakeRunFolder scenario(String name, String text) {
    scenario = name;
    description = text;
    return this;
  }

  FakeRunFolder request(String text) {
    request = text;
    return this;
  }

  FakeRunFolder startedAt(String instant) {
    startedAt = Instant.parse(instant);
    return this;
  }

  /** The transaction commits and its event never reaches the topic. */
  FakeRunFolder lost() {
    lost = true;
    return this;
  }

  /**
   * The verdict's counts say {@code requests} requests of which {@code accepted} were answered ok,
   * and its figures follow: availability {@code accepted / requests}, and {@code delayAfterHealMs}.
   * (The history still holds its one request: the report reads these from the verdict.)
   */
  FakeRunFolder tradeOff(long requests, long accepted, Long delayAfterHealMs) {
    this.requests = requests;
    this.accepted = accepted;
    this.delayAfterHealMs = delayAfterHealMs;
    return this;
  }

  /** A verdict.json as the lab wrote it before it measured availability and delay. */
  FakeRunFolder unmeasured() {
    measured = false;
    return this;
  }

  /** Writes the folder under {@code runs} and returns it. */
  Path writeUnder(Path runs) {
    String runId = startedAt.toString().replaceAll("[^0-9]", "") + "-fake";
    Path folder = runs.resolve(strategy).resolve(variant).resolve(scenario).resolve(runId);
    UUID tx = UUID.randomUUID();
    UUID event = UUID.randomUUID();
    Scenario written =
        new Scenario(
            scenario,
            description,
            0,
            "catalogue",
            1,
            List.of(new Step.Record(0, "acct-1", TransactionType.DEPOSIT, 1000)));
    List<Op> ops =
        new Ops()
            .invoke("0", tx, request, 10)
            .complete(
                "0", lost ? Op.Type.FAIL : Op.Type.OK, tx, request, 60, lost ? "no ack" : null)
            .step("heal-everything", "heal everything", 70)
            .list();
    Truth truth = truth(tx, event);
    Verdict verdict = verdict(tx);
    try {
      Files.createDirectories(folder);
      RunFolder.JSON.writeValue(folder.resolve("scenario.json").toFile(), written);
      RunFolder.JSON.writeValue(folder.resolve("verdict.json").toFile(), verdict);
      RunFolder.JSON.writeValue(folder.resolve("truth.json").toFile(), truth);
      RunFolder.JSON.writeValue(
          folder.resolve("run.json").toFile(),
          new RunFolder.RunInfo(
              runId, strategy, variant, scenario, "embedded", startedAt, null, true, 800, true, 1));
      ObjectMapper line = new ObjectMapper();
      List<String> lines = new ArrayList<>();
      lines.add("{\"startedAt\":\"" + startedAt + "\"}");
      for (Op op : ops) {
        lines.add(line.writeValueAsString(op));
      }
      Files.write(folder.resolve("history.jsonl"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  /** The truth: the transaction committed, and unless lost, published and checked. */
  private Truth truth(UUID tx, UUID event) {
    return new Truth(
        List.of(new Truth.Committed(tx, event, "acct-1", 1, startedAt.plusMillis(40))),
        lost
            ? List.of()
            : List.of(
                new Truth.Published(0, 0, startedAt.plusMillis(50), event, tx, "acct-1", 1, null)),
        lost ? List.of() : List.of(new Truth.Checked(tx, event, startedAt.plusMillis(80))));
  }

  /** The verdict: lost or valid, with the requests' counts and, if measured, the trade-off. */
  private Verdict verdict(UUID tx) {
    Verdict.Quantiles lag = new Verdict.Quantiles(1, 10, 10, 10);
    long invoked = requests == null ? 1 : requests;
    long ok = accepted == null ? (lost ? 0 : 1) : accepted;
    Counts counts = new Counts(invoked, ok, invoked - ok, 0, 1, 0, 0, 0, 0, Map.of());
    Verdict verdict =
        new Verdict(
            lost ? Validity.INVALID : Validity.VALID,
            lost ? Map.of("lost", List.of(tx)) : Map.of(),
            counts,
            lost ? null : new Verdict.Lag(lag, lag, null),
            List.of(),
            null,
            List.of());
    if (measured) {
      verdict = verdict.withTradeOff((double) ok / invoked, delayAfterHealMs);
    }
    return verdict;
  }
}
