package dualwrite.chaos.checker;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the checks found: for every anomaly, the transactions it hit, in the order a check found
 * them. Each check fills its own; the checker merges them.
 */
final class Findings {

  private final Map<Anomaly, Set<UUID>> found = new EnumMap<>(Anomaly.class);

  Findings() {
    for (Anomaly anomaly : Anomaly.values()) {
      found.put(anomaly, new LinkedHashSet<>());
    }
  }

  /** All the findings of several checks. */
  static Findings merge(Findings... checks) {
    Findings merged = new Findings();
    for (Findings check : checks) {
      check.found.forEach((anomaly, ids) -> merged.found.get(anomaly).addAll(ids));
    }
    return merged;
  }

  void add(Anomaly anomaly, UUID transactionId) {
    found.get(anomaly).add(transactionId);
  }

  void addAll(Anomaly anomaly, Set<UUID> transactionIds) {
    found.get(anomaly).addAll(transactionIds);
  }

  /** The transactions an anomaly hit, in the order found. */
  Set<UUID> of(Anomaly anomaly) {
    return found.get(anomaly);
  }

  /** True when an anomaly that breaks a promise hit at least one transaction. */
  boolean invalid() {
    return found.entrySet().stream()
        .anyMatch(e -> e.getKey().invalidates() && !e.getValue().isEmpty());
  }

  /** For every anomaly by its label, the transactions it hit, as a verdict lists them. */
  Map<String, List<UUID>> byLabel() {
    Map<String, List<UUID>> anomalies = new LinkedHashMap<>();
    found.forEach((anomaly, ids) -> anomalies.put(anomaly.label(), List.copyOf(ids)));
    return anomalies;
  }

  /** How many transactions each anomaly hit, by its label, every anomaly included. */
  Map<String, Long> counted() {
    Map<String, Long> counts = new LinkedHashMap<>();
    found.forEach((anomaly, ids) -> counts.put(anomaly.label(), (long) ids.size()));
    return counts;
  }
}
