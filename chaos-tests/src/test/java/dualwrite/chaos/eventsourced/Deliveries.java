package dualwrite.chaos.eventsourced;

import dualwrite.bank.TransactionRecorded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The events read off the topic, and what a checker says about them against the ledger: which
 * committed transactions are lost, which were delivered more than once, and where an account's
 * events arrived out of version order.
 */
record Deliveries(List<TransactionRecorded> records) {

  Deliveries {
    records = List.copyOf(records);
  }

  Set<UUID> transactionIds() {
    Set<UUID> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.transactionId()));
    return ids;
  }

  /** Committed transactions that no record carries. */
  Set<UUID> lost(List<EventSourcedRun.Committed> committed) {
    Set<UUID> seen = transactionIds();
    Set<UUID> lost = new HashSet<>();
    committed.stream().map(EventSourcedRun.Committed::transactionId).forEach(lost::add);
    lost.removeAll(seen);
    return lost;
  }

  /** Records that carry a transaction no committed entry has. */
  Set<UUID> phantoms(List<EventSourcedRun.Committed> committed) {
    Set<UUID> phantoms = transactionIds();
    committed.forEach(c -> phantoms.remove(c.transactionId()));
    return phantoms;
  }

  /** How many records repeat an event already delivered. */
  int duplicates() {
    return records.size()
        - (int) records.stream().map(TransactionRecorded::eventId).distinct().count();
  }

  /**
   * Per account, the first delivery of each event must come in version order: redelivered copies
   * are what an idempotent consumer skips, a version arriving before its predecessor is not.
   *
   * @return one line per violation, such as {@code acct-2: version 7 first delivered after 8}
   */
  List<String> orderViolations() {
    Map<String, Long> lastFirstDelivery = new HashMap<>();
    Set<UUID> delivered = new HashSet<>();
    List<String> violations = new ArrayList<>();
    for (TransactionRecorded record : records) {
      if (!delivered.add(record.eventId())) {
        continue;
      }
      long last = lastFirstDelivery.getOrDefault(record.accountId(), 0L);
      if (record.sequence() <= last) {
        violations.add(
            record.accountId()
                + ": version "
                + record.sequence()
                + " first delivered after "
                + last);
      }
      lastFirstDelivery.put(record.accountId(), Math.max(last, record.sequence()));
    }
    return violations;
  }

  /** Each account's balance, folded from its events alone (each event counted once). */
  Map<String, Long> balances() {
    Map<String, Long> balances = new LinkedHashMap<>();
    Set<UUID> counted = new HashSet<>();
    for (TransactionRecorded record : records) {
      if (counted.add(record.eventId())) {
        balances.merge(
            record.accountId(), record.type().balanceEffect(record.amountMinor()), Long::sum);
      }
    }
    return balances;
  }
}
