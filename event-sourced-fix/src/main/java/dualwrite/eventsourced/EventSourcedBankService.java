package dualwrite.eventsourced;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.BankService;
import dualwrite.bank.spi.Connections;

/** The event-sourced bank component: each start opens a pool on the bank's database link only. */
final class EventSourcedBankService extends BankService<EventSourcedBank> {

  /** The pool's name, which PostgreSQL shows as the sessions' application name. */
  static final String POOL = "eventsourced-bank";

  private final Connections connections;

  EventSourcedBankService(Connections connections, Crashes crashes) {
    super(crashes, EventSourcedCrashPoints.BANK);
    this.connections = connections;
  }

  @Override
  protected EventSourcedBank launch(Tripwire tripwire) {
    return new EventSourcedBank(connections.database(Component.BANK).openPool(POOL, 8), tripwire);
  }
}
