package dualwrite.outbox;

import dualwrite.bank.crash.Crashes;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.ServiceDeployment;
import dualwrite.bank.spi.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The transactional outbox: the bank writes the event to an outbox table in the same database
 * transaction as the ledger row, so the two writes become one local transaction; a relay then
 * carries the rows to Kafka at least once. Nothing is lost and nothing is invented; a relay that
 * dies between publishing and marking sends a row again, so consumers must be idempotent.
 *
 * <p>{@link java.util.ServiceLoader} uses the no-argument constructor (one relay). To run several
 * relays side by side, construct it with {@link OutboxSettings#withRelays(int)}.
 */
public final class OutboxStrategy implements DualWriteStrategy {

  /** The schema of every outbox variant: the bank's tables and the outbox. */
  public static final List<String> MIGRATIONS = List.of("classpath:db/bank", "classpath:db/outbox");

  private final OutboxSettings settings;

  public OutboxStrategy() {
    this(OutboxSettings.defaults());
  }

  public OutboxStrategy(OutboxSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public DualWriteStrategy withRelays(int relays) {
    return new OutboxStrategy(settings.withRelays(relays));
  }

  @Override
  public String name() {
    return "outbox";
  }

  @Override
  public List<Variant> variants() {
    return Arrays.stream(OutboxVariant.values()).map(OutboxVariant::variant).toList();
  }

  @Override
  public List<String> migrations(Variant variant) {
    OutboxVariant.of(variant);
    return MIGRATIONS;
  }

  @Override
  public Deployment deploy(Variant variant, Connections connections, Crashes crashes) {
    OutboxVariant outbox = OutboxVariant.of(variant);
    if (outbox == OutboxVariant.CDC) {
      // Before any relay or bank starts: every insert from now on is in the slot.
      ReplicationSlot.ensure(connections);
    }
    List<Service> relays = new ArrayList<>();
    for (int i = 1; i <= settings.relays(); i++) {
      String name = "relay-" + i;
      relays.add(
          switch (outbox) {
            case CDC -> new CdcRelayService(name, connections, settings, crashes);
            default -> new PollingRelayService(name, connections, settings, crashes, outbox);
          });
    }
    return ServiceDeployment.start(
        new OutboxBankService(connections, crashes),
        relays,
        // the id-cursor relay never looks below its cursor: what it will still publish is above
        outbox == OutboxVariant.ID_CURSOR ? Outbox::backlogAboveCursor : Outbox::backlog);
  }

  /**
   * The outbox bank with relays someone else wrote (the workshop's): they carry the rows of {@code
   * bank.outbox} (schema {@link #MIGRATIONS}), and the backlog is the rows not yet marked published
   * or parked.
   */
  public static Deployment deployWith(
      Connections connections, Crashes crashes, List<Service> relays) {
    return ServiceDeployment.start(
        new OutboxBankService(connections, crashes), relays, Outbox::backlog);
  }
}
