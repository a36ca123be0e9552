package dualwrite.chaos.checker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether each account's transactions reached the topic in the account's order. Per account, the
 * first delivery of each committed transaction must come in the account's sequence order; a
 * transaction that comes after a later one of its account is out of order. Redeliveries of earlier
 * records are allowed (at-least-once).
 */
final class OrderCheck {

  private OrderCheck() {}

  static Findings check(IndexedTruth truth) {
    Findings found = new Findings();
    Map<String, Long> highest = new HashMap<>();
    Set<UUID> seen = new HashSet<>();
    for (Truth.Published record : truth.readable()) {
      Truth.Committed transaction = truth.committedRow(record.transactionId());
      if (transaction == null || !seen.add(record.transactionId())) {
        continue;
      }
      long top = highest.getOrDefault(transaction.accountId(), 0L);
      if (transaction.sequence() < top) {
        found.add(Anomaly.OUT_OF_ORDER, transaction.transactionId());
      } else {
        highest.put(transaction.accountId(), transaction.sequence());
      }
    }
    return found;
  }
}
