package dualwrite.chaos.checker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The truth indexed once per check, by transaction id: the committed rows (the first row of each
 * transaction), the readable records on the topic in partition and offset order, and the fraud
 * checks. Every check reads the truth through it.
 */
final class IndexedTruth {

  private final Truth truth;
  private final Map<UUID, Truth.Committed> committed;
  private final List<Truth.Published> readable;
  private final Map<UUID, List<Truth.Published>> deliveries;
  private final Map<UUID, List<Truth.Checked>> checks;

  private IndexedTruth(Truth truth) {
    this.committed =
        truth.committed().stream()
            .collect(
                Collectors.toMap(
                    Truth.Committed::transactionId,
                    Function.identity(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    this.readable =
        truth.published().stream()
            .filter(Truth.Published::readable)
            .sorted(
                Comparator.comparingInt(Truth.Published::partition)
                    .thenComparingLong(Truth.Published::offset))
            .toList();
    this.deliveries = group(readable, Truth.Published::transactionId);
    this.checks = group(truth.checks(), Truth.Checked::transactionId);
    this.truth = truth;
  }

  /** Indexes the truth; a null truth throws, as the checker cannot judge without it. */
  static IndexedTruth of(Truth truth) {
    return new IndexedTruth(truth);
  }

  /** The truth as it was read. */
  Truth truth() {
    return truth;
  }

  /** The committed transactions, each once, in the order the truth lists them. */
  Collection<Truth.Committed> committed() {
    return committed.values();
  }

  boolean isCommitted(UUID transactionId) {
    return committed.containsKey(transactionId);
  }

  /** The committed row of a transaction, or null when it did not commit. */
  Truth.Committed committedRow(UUID transactionId) {
    return committed.get(transactionId);
  }

  /** The readable records on the topic, in partition and offset order. */
  List<Truth.Published> readable() {
    return readable;
  }

  /** Every transaction with a readable record, with its records in partition and offset order. */
  Map<UUID, List<Truth.Published>> deliveries() {
    return deliveries;
  }

  /** Every transaction the fraud service checked, with its checks. */
  Map<UUID, List<Truth.Checked>> checks() {
    return checks;
  }

  boolean isPublished(UUID transactionId) {
    return deliveries.containsKey(transactionId);
  }

  boolean isChecked(UUID transactionId) {
    return checks.containsKey(transactionId);
  }

  /** When the transaction's first readable record was published, if it has one. */
  Optional<Instant> firstPublished(UUID transactionId) {
    List<Truth.Published> records = deliveries.get(transactionId);
    return records == null
        ? Optional.empty()
        : records.stream().map(Truth.Published::publishedAt).min(Instant::compareTo);
  }

  /** When the fraud service first checked the transaction, if it did. */
  Optional<Instant> firstChecked(UUID transactionId) {
    List<Truth.Checked> made = checks.get(transactionId);
    return made == null
        ? Optional.empty()
        : made.stream().map(Truth.Checked::checkedAt).min(Instant::compareTo);
  }

  private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> key) {
    Map<UUID, List<T>> groups = new LinkedHashMap<>();
    for (T item : items) {
      groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
    }
    return groups;
  }
}
