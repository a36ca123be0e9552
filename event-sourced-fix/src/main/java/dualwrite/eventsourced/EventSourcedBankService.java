package dualwrite.eventsourced;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.BankService;
import dualwrite.bank.spi.Connections;
import dualwrite.bank.spi.DatabaseTarget;

/** The event-sourced bank component: each start opens a pool on the bank's database link only. */
final class EventSourcedBankService extends BankService<EventSourcedBank> {

  /** The pool's name, which PostgreSQL shows as the sessions' application name. */
  static final String POOL = "eventsourced-bank";

  /**
   * The server rolls back a bank transaction left idle this long. A transaction abandoned open (its
   * client gone, its connection half-dead behind a faulty link) would otherwise hold the log relay
   * back for as long as the server keeps it.
   */
  static final String IDLE_TRANSACTION_LIMIT = "15s";

  private final Connections connections;

  EventSourcedBankService(Connections connections, Crashes crashes) {
    super(crashes, EventSourcedCrashPoints.BANK);
    this.connections = connections;
  }

  @Override
  protected EventSourcedBank launch(Tripwire tripwire) {
    return new EventSourcedBank(boundedIdleTransactions().openPool(POOL, 8), tripwire);
  }

  private DatabaseTarget boundedIdleTransactions() {
    DatabaseTarget target = connections.database(Component.BANK);
    String url = target.jdbcUrl();
    String option = "options=-c%20idle_in_transaction_session_timeout%3D" + IDLE_TRANSACTION_LIMIT;
    return new DatabaseTarget(
        url + (url.contains("?") ? "&" : "?") + option, target.user(), target.password());
  }
}
