package dualwrite.eventsourced;

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
import java.util.function.Supplier;

/**
 * Event sourcing as a dual-write strategy: the bank appends one entry per transaction to the
 * account's stream, and that entry is the event. A relay reads the ledger as a log and publishes
 * what it finds, remembering in PostgreSQL how far it got. There is no second write to get wrong;
 * what can go wrong is the relay skipping an entry, which the {@code log-relay} variant never does.
 *
 * <p>A deployment runs the bank and {@code relays} relay services, {@code relay-1}, {@code
 * relay-2}, ...; one of them publishes at a time and the others stand by to take over. The number
 * comes from the constructor, or for the no-argument one (which {@link java.util.ServiceLoader}
 * calls) from the system property {@value #RELAYS_PROPERTY}, 1 by default.
 */
public final class EventSourcedStrategy implements DualWriteStrategy {

  /** The system property that sets the number of relays of the no-argument constructor. */
  public static final String RELAYS_PROPERTY = "lab.eventsourced.relays";

  /** The schema: the ledger, which is the log, and the relays' positions. */
  public static final List<String> MIGRATIONS = List.of("classpath:db/eventsourced");

  private final int relays;

  /** Relays as many as {@value #RELAYS_PROPERTY} says, 1 when it is not set. */
  public EventSourcedStrategy() {
    this(Integer.getInteger(RELAYS_PROPERTY, 1));
  }

  /**
   * @param relays how many relay services each deployment runs, at least 1
   * @throws IllegalArgumentException when {@code relays} is less than 1
   */
  public EventSourcedStrategy(int relays) {
    if (relays < 1) {
      throw new IllegalArgumentException("at least one relay is needed: " + relays);
    }
    this.relays = relays;
  }

  @Override
  public DualWriteStrategy withRelays(int count) {
    return new EventSourcedStrategy(count);
  }

  @Override
  public String name() {
    return "event-sourced";
  }

  @Override
  public List<Variant> variants() {
    return Arrays.stream(EventSourcedVariant.values()).map(EventSourcedVariant::variant).toList();
  }

  @Override
  public List<String> migrations(Variant variant) {
    EventSourcedVariant.of(variant);
    return MIGRATIONS;
  }

  @Override
  public Deployment deploy(Variant variant, Connections connections, Crashes crashes) {
    Cursor cursor = EventSourcedVariant.of(variant).cursor();
    return deployWith(() -> cursor, cursor, relays, connections, crashes);
  }

  /**
   * The event-sourced bank and {@code relays} relays that read the ledger with a cursor someone
   * else wrote (the workshop's): the relays publish, save and take over as they do for the lab's
   * own cursors.
   *
   * @param cursors a cursor for each life of a relay (a fresh one each time, for a learner's)
   * @param counting the cursor that counts the backlog for the harness
   */
  public static Deployment deployWith(
      Supplier<Cursor> cursors,
      Cursor counting,
      int relays,
      Connections connections,
      Crashes crashes) {
    List<Service> relayServices = new ArrayList<>();
    for (int i = 1; i <= relays; i++) {
      relayServices.add(new RelayService("relay-" + i, cursors, connections, crashes));
    }
    EventSourcedBankService bank = new EventSourcedBankService(connections, crashes);
    return ServiceDeployment.start(bank, relayServices, counting::backlog);
  }
}
