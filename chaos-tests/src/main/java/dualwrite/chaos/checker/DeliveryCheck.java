package dualwrite.chaos.checker;

import java.util.UUID;

/**
 * Whether every committed transaction got through exactly as promised, and nothing else did: lost
 * (committed, never published), unchecked (published, never checked), phantom (published, never
 * committed), duplicate deliveries (published more than once) and transactions processed twice.
 */
final class DeliveryCheck {

  private DeliveryCheck() {}

  static Findings check(IndexedTruth truth) {
    Findings found = new Findings();
    for (Truth.Committed transaction : truth.committed()) {
      UUID id = transaction.transactionId();
      if (!truth.isPublished(id)) {
        found.add(Anomaly.LOST, id);
      } else if (!truth.isChecked(id)) {
        found.add(Anomaly.UNCHECKED, id);
      }
    }
    truth
        .deliveries()
        .forEach(
            (id, records) -> {
              if (!truth.isCommitted(id)) {
                found.add(Anomaly.PHANTOM, id);
              }
              if (records.size() > 1) {
                found.add(Anomaly.DUPLICATE_DELIVERY, id);
              }
            });
    truth
        .checks()
        .forEach(
            (id, made) -> {
              if (made.size() > 1) {
                found.add(Anomaly.PROCESSED_TWICE, id);
              }
            });
    return found;
  }
}
