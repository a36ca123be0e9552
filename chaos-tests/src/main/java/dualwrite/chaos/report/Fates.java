package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happened to each transaction an anomaly hit, side by side: what its client was told and
 * when, whether it committed and as which of its account's transactions, how many records of it
 * reached the topic, and how many times the fraud service checked it.
 */
final class Fates {

  private Fates() {}

  /**
   * One transaction's fate.
   *
   * @param request what the client asked for, or null when no client asked (a phantom's id)
   * @param told ok, fail or info; null when no client asked, {@code invoke} when never answered
   * @param toldAtSeconds when the client was told, since the run started; null when never
   * @param committedAtSeconds null when not committed
   * @param sequence its place among its account's committed transactions, or null
   */
  record Fate(
      UUID transactionId,
      String request,
      String told,
      Double toldAtSeconds,
      String error,
      Double committedAtSeconds,
      String account,
      Long sequence,
      int records,
      int checks) {

    boolean committed() {
      return committedAtSeconds != null;
    }
  }

  /** A transaction and every anomaly that hit it. */
  record Row(List<Anomaly> anomalies, Fate fate) {}

  /**
   * A row for every transaction any anomaly hit, once however many hit it, in the order of the
   * anomalies and then of the verdict's lists.
   */
  static List<Row> of(Verdict verdict, List<Op> history, Truth truth, Instant startedAt) {
    Map<UUID, List<Anomaly>> hits = new LinkedHashMap<>();
    for (Anomaly anomaly : verdict.found()) {
      for (UUID id : verdict.of(anomaly)) {
        List<Anomaly> anomalies = hits.computeIfAbsent(id, i -> new ArrayList<>());
        if (!anomalies.contains(anomaly)) {
          anomalies.add(anomaly);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    hits.forEach(
        (id, anomalies) ->
            rows.add(new Row(List.copyOf(anomalies), fate(id, history, truth, startedAt))));
    return rows;
  }

  static Fate fate(UUID id, List<Op> history, Truth truth, Instant startedAt) {
    String request = null;
    String told = null;
    Double toldAt = null;
    String error = null;
    for (Op op : history) {
      if (!op.isClient() || !id.equals(op.transactionId())) {
        continue;
      }
      request = op.value();
      told = op.type().label();
      if (op.isCompletion()) {
        toldAt = op.timeNanos() / 1e9;
        error = op.error();
      }
    }
    Double committedAt = null;
    String account = null;
    Long sequence = null;
    int records = 0;
    int checks = 0;
    if (truth != null) {
      for (Truth.Committed c : truth.committed()) {
        if (id.equals(c.transactionId())) {
          committedAt = secondsSince(startedAt, c.committedAt());
          account = c.accountId();
          sequence = c.sequence();
        }
      }
      for (Truth.Published p : truth.published()) {
        if (id.equals(p.transactionId())) {
          records++;
          account = account == null ? p.accountId() : account;
        }
      }
      for (Truth.Checked c : truth.checks()) {
        if (id.equals(c.transactionId())) {
          checks++;
        }
      }
    }
    return new Fate(
        id, request, told, toldAt, error, committedAt, account, sequence, records, checks);
  }

  static double secondsSince(Instant start, Instant at) {
    return Duration.between(start, at).toNanos() / 1e9;
  }
}
