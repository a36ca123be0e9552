package dualwrite.chaos.cli;

import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.LabEnvironment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Starts the environment and prints its addresses and a few curl commands, then waits for Ctrl-C:
 * an instructor breaks things by hand while the class watches.
 */
@Command(
    name = "env",
    description = {
      "Start the servers and keep them up until Ctrl-C, to break things by hand.",
      "Prints the addresses of PostgreSQL, Kafka and the fault proxy, and curl commands."
    })
final class EnvCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokersOption brokers;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the environment...");
    out.flush();
    LabEnvironment environment = Environments.shared();
    EnvironmentSheet.print(out, environment);
    out.println("Press Ctrl-C to stop everything.");
    out.flush();
    new CountDownLatch(1).await(); // the shutdown hook stops the servers
    return 0;
  }
}
