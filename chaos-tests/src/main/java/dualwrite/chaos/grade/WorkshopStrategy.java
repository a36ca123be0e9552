package dualwrite.chaos.grade;

import dualwrite.bank.crash.Crashes;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.Deployment;
import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.LearnerClasses;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.Variant;
import dualwrite.eventsourced.Cursor;
import dualwrite.eventsourced.EventSourcedStrategy;
import dualwrite.outbox.OutboxStrategy;
import dualwrite.workshop.LedgerCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workshop's classes as a strategy the runner deploys like any other: {@code workshop/relay}
 * (the outbox bank with the learner's {@link dualwrite.workshop.OutboxRelay}), {@code
 * workshop/relay-command} (the outbox bank with a program of the learner's choice as the relay),
 * and {@code workshop/cursor} (the event-sourced bank whose relay reads with the learner's {@link
 * LedgerCursor}). Unlisted: {@code ./lab compare} leaves it out, and a name reaches it. The inbox
 * exercise needs no strategy: it is the consumer {@code workshop} of any variant.
 */
public final class WorkshopStrategy implements DualWriteStrategy {

  static final Variant RELAY =
      new Variant(
          "relay",
          "the outbox bank; your dualwrite.workshop.OutboxRelay carries the rows to Kafka",
          true);

  static final Variant RELAY_COMMAND =
      new Variant(
          "relay-command",
          "the outbox bank; your program (" + RelayCommand.PROPERTY + ") is the relay",
          true);

  static final Variant CURSOR =
      new Variant(
          "cursor",
          "the event-sourced bank; its relay reads the ledger with your"
              + " dualwrite.workshop.LedgerCursor",
          true);

  private final int relays;

  /** One relay; {@link java.util.ServiceLoader} calls this. */
  public WorkshopStrategy() {
    this(1);
  }

  private WorkshopStrategy(int relays) {
    this.relays = relays;
  }

  @Override
  public String name() {
    return "workshop";
  }

  @Override
  public boolean listed() {
    return false;
  }

  @Override
  public List<Variant> variants() {
    return List.of(RELAY, RELAY_COMMAND, CURSOR);
  }

  @Override
  public DualWriteStrategy withRelays(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one relay is needed: " + count);
    }
    return new WorkshopStrategy(count);
  }

  @Override
  public List<String> migrations(Variant variant) {
    if (variant.equals(CURSOR)) {
      return Stream.concat(
              EventSourcedStrategy.MIGRATIONS.stream(), Stream.of("classpath:db/workshop"))
          .toList();
    }
    known(variant);
    return OutboxStrategy.MIGRATIONS;
  }

  @Override
  public Deployment deploy(Variant variant, Connections connections, Crashes crashes) {
    if (variant.equals(CURSOR)) {
      // each life of a relay gets a fresh cursor, from a class loader of its own
      return EventSourcedStrategy.deployWith(
          () ->
              new ReportingCursor(LearnerClasses.fresh(LedgerCursor.class.getName(), Cursor.class)),
          LearnerClasses.fresh(LedgerCursor.class.getName(), Cursor.class),
          relays,
          connections,
          crashes);
    }
    boolean command = known(variant).equals(RELAY_COMMAND);
    String commandLine = command ? RelayCommand.fromSettings() : null;
    List<Service> services = new ArrayList<>();
    for (int i = 1; i <= relays; i++) {
      String name = "relay-" + i;
      services.add(
          command
              ? new CommandRelayService(name, commandLine, connections, crashes)
              : new LearnerRelayService(name, connections, crashes));
    }
    return OutboxStrategy.deployWith(connections, crashes, services);
  }

  private Variant known(Variant variant) {
    if (!variants().contains(variant)) {
      throw new IllegalArgumentException("not a workshop variant: " + variant.name());
    }
    return variant;
  }
}
