package dualwrite.chaos.cli;

import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the strategies, their variants and the fault catalogue. */
@Command(name = "list", description = "List the strategies, variants and catalogue scenarios.")
final class ListCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Strategies (run one as <strategy>/<variant>):");
    for (DualWriteStrategy strategy : Strategies.all()) {
      out.println("  " + strategy.name());
      for (Variant variant : strategy.variants()) {
        out.printf(
            "    %-22s %-5s %s%s%n",
            variant.name(),
            variant.fix() ? "fix" : "foil",
            variant.brokers() > 1 ? "[--brokers " + variant.brokers() + "] " : "",
            variant.description());
      }
    }
    out.println();
    out.println("Scenarios of the fault catalogue:");
    for (Scenario scenario : Catalogue.all()) {
      out.printf(
          "  %-28s %s%s%n",
          scenario.name(),
          scenario.brokersNeeded() > 1 ? "[--brokers " + scenario.brokersNeeded() + "] " : "",
          scenario.description());
    }
    out.flush();
  }
}
