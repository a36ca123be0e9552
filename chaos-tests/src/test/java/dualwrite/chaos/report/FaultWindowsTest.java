package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.FaultWindows.Crash;
import dualwrite.chaos.report.FaultWindows.Kind;
import dualwrite.chaos.report.FaultWindows.Window;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

  private static final long MS = 1_000_000L;
  private static final Link BANK_KAFKA = Link.of(Component.BANK, Server.KAFKA);
  private static final Link BANK_POSTGRES = Link.of(Component.BANK, Server.POSTGRES);
  private static final Link RELAY_KAFKA = Link.of(Component.RELAY, Server.KAFKA);
  private static final Step.Crash CRASH = new Step.Crash("relay-1", "after-publish", 1);
  private static final Step.FaultAt FAULT_AT =
      new Step.FaultAt("bank", "before-commit", 2, new Fault.Down(BANK_POSTGRES));

  @Test
  void aNetworkFaultLastsFromItsInjectionToTheHealOfItsLinkAndNoLonger() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step(new Step.Inject(new Fault.Down(BANK_KAFKA)), 100)
                .step(new Step.Inject(Fault.Toxic.latency(RELAY_KAFKA, 300)), 150)
                .step(new Step.Heal(BANK_KAFKA), 400)
                .step("heal-everything", "heal everything", 900)
                .list());

    assertThat(faults.windows())
        .as(
            "each fault ends when its own link heals: bank->kafka at 400 ms, relay->kafka at the end")
        .containsExactly(
            new Window("down(bank->kafka)", Kind.NETWORK, 100 * MS, 400 * MS, "heal(bank->kafka)"),
            new Window(
                "latency(relay->kafka, 300ms)",
                Kind.NETWORK,
                150 * MS,
                900 * MS,
                "heal everything"));
    assertThat(faults.crashes()).as("nothing crashed").isEmpty();
  }

  @Test
  void healAllEndsEveryNetworkFaultButNotADownService() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step(CRASH, 10)
                .step(new Step.Inject(new Fault.Down(BANK_POSTGRES)), 20)
                .point(Op.CRASHED, CRASH, 30)
                .step(new Step.HealAll(), 50)
                .step(new Step.Restart("relay-1"), 70)
                .list());

    assertThat(faults.windows())
        .as(
            "heal-all ends the network fault; the relay stays down until its first instance restarts")
        .containsExactly(
            new Window("down(bank->postgres)", Kind.NETWORK, 20 * MS, 50 * MS, "heal-all"),
            new Window("relay-1 down", Kind.SERVICE, 30 * MS, 70 * MS, "restart(relay-1)"));
    assertThat(faults.crashes())
        .as("the crash point that fired is marked where it fired")
        .containsExactly(new Crash("crash(relay-1, after-publish)", 30 * MS));
  }

  @Test
  void aFaultArmedAtACrashPointIsNoCrashItsInjectionOpensTheWindow() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step(FAULT_AT, 10)
                .point(Op.FAULT_FIRED, FAULT_AT, 40)
                .step(new Step.Heal(BANK_POSTGRES), 60)
                .list());

    assertThat(faults.crashes()).as("the bank did not die: a fault was armed there").isEmpty();
    assertThat(faults.windows())
        .as("the window is the fault the armed point injected")
        .containsExactly(
            new Window(
                "down(bank->postgres)", Kind.NETWORK, 40 * MS, 60 * MS, "heal(bank->postgres)"));
  }

  @Test
  void aStepTheNemesisFailedToTakeOpensNoWindow() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .failed(new Step.Inject(new Fault.Down(BANK_KAFKA)), 10)
                .step("heal-everything", "heal everything", 90)
                .list());

    assertThat(faults.windows()).as("the fault never started").isEmpty();
  }

  @Test
  void killsAndServerFaultsLastUntilTheirRestartAndAWindowNeverHealedEndsWithTheHistory() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step(new Step.Kill("fraud"), 10)
                .step(new Step.ServerFault(Server.POSTGRES, Action.STOP), 20)
                .step(new Step.ServerFault(Server.POSTGRES, Action.START), 60)
                .step(new Step.Restart("fraud"), 80)
                .step(new Step.Inject(new Fault.Down(Link.of(Component.FRAUD, Server.KAFKA))), 100)
                .invoke("0", java.util.UUID.randomUUID(), "deposit acct-1 1.00 EUR", 150)
                .list());

    assertThat(faults.windows())
        .as("every window in the order it opened; the last one never healed")
        .containsExactly(
            new Window("fraud down", Kind.SERVICE, 10 * MS, 80 * MS, "restart(fraud)"),
            new Window("stop(postgres)", Kind.SERVER, 20 * MS, 60 * MS, "start(postgres)"),
            new Window("down(fraud->kafka)", Kind.NETWORK, 100 * MS, 150 * MS, null));
    assertThat(faults.crashes())
        .as("a kill is a crash")
        .containsExactly(new Crash("kill(fraud)", 10 * MS));
  }
}
