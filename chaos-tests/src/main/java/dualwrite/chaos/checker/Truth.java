package dualwrite.chaos.checker;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What really happened, read after the run settled through fault-free connections: the committed
 * transactions, every record on the topic, every fraud check.
 */
public record Truth(List<Committed> committed, List<Published> published, List<Checked> checks) {

  public Truth {
    committed = List.copyOf(committed);
    published = List.copyOf(published);
    checks = List.copyOf(checks);
  }

  /** A transaction committed in the bank's database. */
  public record Committed(
      UUID transactionId, UUID eventId, String accountId, long sequence, Instant committedAt) {}

  /**
   * A record on the events topic. For a record whose value is not a readable event, the ids are
   * null and {@code malformed} says why.
   */
  public record Published(
      int partition,
      long offset,
      Instant publishedAt,
      UUID eventId,
      UUID transactionId,
      String accountId,
      long sequence,
      String malformed) {

    public boolean readable() {
      return malformed == null;
    }
  }

  /** A fraud check made by the fraud service. */
  public record Checked(UUID transactionId, UUID eventId, Instant checkedAt) {}
}
