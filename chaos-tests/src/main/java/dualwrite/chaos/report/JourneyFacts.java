package dualwrite.chaos.report;

import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.report.Journey.Hop;
import dualwrite.chaos.report.Journey.Lane;
import dualwrite.chaos.report.Journey.Tone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the truth says of one transaction, in seconds since the run started: its commit, its records
 * on the topic, its fraud checks.
 *
 * @param committedAt null when it did not commit
 */
record JourneyFacts(Double committedAt, List<OnTopic> records, List<Double> checks) {

  /** A record of the transaction on the topic, published {@code atSeconds} into the run. */
  record OnTopic(int partition, long offset, double atSeconds) {}

  JourneyFacts {
    records = List.copyOf(records);
    checks = List.copyOf(checks);
  }

  boolean committed() {
    return committedAt != null;
  }

  /** Adds the hops these facts make: the commit, the publishes, the checks. */
  void hops(List<Hop> hops, boolean relayPublishes) {
    if (committed()) {
      hops.add(new Hop(Lane.BANK, Lane.POSTGRESQL, "commit", committedAt, Tone.COMMIT));
    }
    for (int i = 0; i < records.size(); i++) {
      OnTopic record = records.get(i);
      double at = record.atSeconds();
      Tone tone = i == 0 ? Tone.PUBLISH : Tone.EXTRA;
      String label =
          "publish, offset "
              + record.offset()
              + (record.partition() == 0 ? "" : " of partition " + record.partition());
      if (relayPublishes) {
        hops.add(new Hop(Lane.POSTGRESQL, Lane.RELAY, i == 0 ? "read" : "read again", at, tone));
        hops.add(new Hop(Lane.RELAY, Lane.KAFKA, label, at, tone));
      } else {
        hops.add(new Hop(Lane.BANK, Lane.KAFKA, label, at, tone));
      }
    }
    for (int i = 0; i < checks.size(); i++) {
      hops.add(
          new Hop(
              Lane.KAFKA,
              Lane.FRAUD,
              i == 0 ? "checked" : "checked again",
              checks.get(i),
              i == 0 ? Tone.CHECK : Tone.EXTRA));
    }
  }

  /** The truth indexed by transaction, so that every journey finds its facts at once. */
  record Index(
      Map<UUID, Truth.Committed> committed,
      Map<UUID, List<Truth.Published>> published,
      Map<UUID, List<Truth.Checked>> checks) {

    static Index of(Truth truth) {
      Map<UUID, Truth.Committed> committed = new HashMap<>();
      Map<UUID, List<Truth.Published>> published = new HashMap<>();
      Map<UUID, List<Truth.Checked>> checks = new HashMap<>();
      truth.committed().forEach(c -> committed.put(c.transactionId(), c));
      for (Truth.Published p : truth.published()) {
        if (p.transactionId() != null && p.publishedAt() != null) {
          published.computeIfAbsent(p.transactionId(), id -> new ArrayList<>()).add(p);
        }
      }
      for (Truth.Checked c : truth.checks()) {
        if (c.checkedAt() != null) {
          checks.computeIfAbsent(c.transactionId(), id -> new ArrayList<>()).add(c);
        }
      }
      return new Index(committed, published, checks);
    }

    JourneyFacts of(UUID id, Instant startedAt) {
      Truth.Committed commit = committed.get(id);
      Double committedAt =
          commit == null || commit.committedAt() == null
              ? null
              : Fates.secondsSince(startedAt, commit.committedAt());
      List<Double> checkedAt =
          checks.getOrDefault(id, List.of()).stream()
              .map(c -> Fates.secondsSince(startedAt, c.checkedAt()))
              .sorted()
              .toList();
      List<OnTopic> records =
          published.getOrDefault(id, List.of()).stream()
              .map(
                  p ->
                      new OnTopic(
                          p.partition(),
                          p.offset(),
                          Fates.secondsSince(startedAt, p.publishedAt())))
              .sorted(Comparator.comparingDouble(OnTopic::atSeconds))
              .toList();
      return new JourneyFacts(committedAt, records, checkedAt);
    }
  }
}
