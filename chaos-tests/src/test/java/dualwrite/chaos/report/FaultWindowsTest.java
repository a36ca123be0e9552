package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.report.FaultWindows.Crash;
import dualwrite.chaos.report.FaultWindows.Kind;
import dualwrite.chaos.report.FaultWindows.Window;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

  private static final long MS = 1_000_000L;

  @Test
  void aNetworkFaultLastsFromItsInjectionToTheHealOfItsLinkAndNoLonger() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step("inject", "down(bank->kafka)", 100)
                .step("inject", "latency(relay->kafka, 300ms)", 150)
                .step("heal", "heal(bank->kafka)", 400)
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
                .step("arm-crash", "crash(relay, after-publish #1)", 10)
                .step("inject", "down(bank->postgres)", 20)
                .crashed("relay:after-publish", 30)
                .step("heal", "heal-all", 50)
                .step("restart", "restart(relay-1)", 70)
                .list());

    assertThat(faults.windows())
        .as(
            "heal-all ends the network fault; the relay stays down until its first instance restarts")
        .containsExactly(
            new Window("down(bank->postgres)", Kind.NETWORK, 20 * MS, 50 * MS, "heal-all"),
            new Window("relay down", Kind.SERVICE, 30 * MS, 70 * MS, "restart(relay-1)"));
    assertThat(faults.crashes())
        .as("the crash point that fired is marked where it fired")
        .containsExactly(new Crash("crash(relay, after-publish)", 30 * MS));
  }

  @Test
  void aFaultArmedAtACrashPointIsNoCrashItsInjectionOpensTheWindow() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step("arm-fault", "at(bank, before-commit #2: down(bank->postgres))", 10)
                .crashed("bank:before-commit", 40)
                .step("inject", "down(bank->postgres)", 40)
                .step("heal", "heal(bank->postgres)", 60)
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
                .nemesis(Op.Type.INVOKE, "inject", "down(bank->kafka)", 10)
                .nemesis(Op.Type.FAIL, "inject", "down(bank->kafka)", 12)
                .step("heal-everything", "heal everything", 90)
                .list());

    assertThat(faults.windows()).as("the fault never started").isEmpty();
  }

  @Test
  void killsAndServerFaultsLastUntilTheirRestartAndAWindowNeverHealedEndsWithTheHistory() {
    FaultWindows faults =
        FaultWindows.of(
            new Ops()
                .step("kill", "kill(fraud)", 10)
                .step("server-stop", "stop(postgres)", 20)
                .step("server-start", "start(postgres)", 60)
                .step("restart", "restart(fraud)", 80)
                .step("inject", "down(fraud->kafka)", 100)
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
