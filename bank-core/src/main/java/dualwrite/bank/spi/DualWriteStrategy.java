package dualwrite.bank.spi;

import dualwrite.bank.crash.Crashes;
import java.util.List;

/**
 * A way to record a transaction in PostgreSQL and get its event to Kafka. The harness sees
 * strategies only through this interface, and finds them with {@link java.util.ServiceLoader}.
 *
 * <p>Every strategy's schema offers a view {@code bank.committed_transactions(transaction_id,
 * event_id, account_id, sequence, type, amount_minor, currency, committed_at)}: the truth the
 * checker compares the topic with.
 */
public interface DualWriteStrategy {

  /** {@code naive}, {@code outbox} or {@code event-sourced}. */
  String name();

  /** Its variants, the first being the one to use when none is named. */
  List<Variant> variants();

  /**
   * Flyway locations of the bank's schema for a variant, applied to the schema {@code bank} of a
   * fresh database before {@link #deploy}.
   */
  List<String> migrations(Variant variant);

  /**
   * Starts a variant: the bank service and whatever else it needs (relays), each connecting through
   * its own links.
   */
  Deployment deploy(Variant variant, Connections connections, Crashes crashes);

  /**
   * The same strategy deploying {@code relays} relay services side by side ({@code relay-1}, {@code
   * relay-2}, ...), to show that several relays stay safe through crashes and takeovers.
   *
   * @throws UnsupportedOperationException for a strategy without relays, when {@code relays > 1}
   */
  default DualWriteStrategy withRelays(int relays) {
    if (relays == 1) {
      return this;
    }
    throw new UnsupportedOperationException("strategy " + name() + " runs no relays");
  }

  /**
   * Whether the lab lists it among the strategies it compares: false for one that runs someone
   * else's code (the workshop's), which is run by name only.
   */
  default boolean listed() {
    return true;
  }

  /** The named variant. */
  default Variant variant(String name) {
    return variants().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "strategy "
                        + name()
                        + " has no variant '"
                        + name
                        + "'; its variants: "
                        + variants().stream().map(Variant::name).toList()));
  }
}
