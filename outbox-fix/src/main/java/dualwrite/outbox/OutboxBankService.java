package dualwrite.outbox;

import dualwrite.bank.Component;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.BankService;
import dualwrite.bank.spi.Connections;

/** The outbox bank component: each start opens a pool through the bank's PostgreSQL link. */
final class OutboxBankService extends BankService<OutboxBank> {

  private final Connections connections;

  OutboxBankService(Connections connections, Crashes crashes) {
    super(crashes, OutboxCrashPoints.bank());
    this.connections = connections;
  }

  @Override
  protected OutboxBank launch(Tripwire tripwire) {
    return new OutboxBank(
        connections.database(Component.BANK).openPool("outbox-bank", 8), tripwire);
  }
}
