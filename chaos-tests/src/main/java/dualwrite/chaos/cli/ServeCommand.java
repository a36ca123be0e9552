package dualwrite.chaos.cli;

import dualwrite.chaos.env.Environments;
import dualwrite.chaos.live.LiveLab;
import dualwrite.chaos.live.LiveServer;
import dualwrite.chaos.live.Options;
import dualwrite.chaos.run.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    description = {
      "Start the environment and the live lab: a web page to break the bank by hand.",
      "Pick a variant, set the traffic, cut links, crash and kill services, stop servers.",
      "Heal and check gives the verdict and a run folder that ./lab replay repeats.",
      "It listens on 127.0.0.1 only unless --host says otherwise, with one Kafka broker.",
      "Ctrl-C stops it."
    })
final class ServeCommand implements Callable<Integer> {

  static final String LOOPBACK = "127.0.0.1";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "7070",
      paramLabel = "<port>",
      description = "the page's port (${DEFAULT-VALUE}; 0 for any free one)")
  int port;

  @Option(
      names = "--host",
      defaultValue = LOOPBACK,
      paramLabel = "<address>",
      description =
          "the address to listen on (${DEFAULT-VALUE}); another one lets anyone who reaches it"
              + " break the lab's servers, with no login")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
    }
    InetAddress address = address(host);
    if (!address.isLoopbackAddress()) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: listening on "
                  + host
                  + ": anyone who reaches this address can start sessions and break the lab's"
                  + " servers; the page has no login");
    }
    LiveLab lab = new LiveLab();
    LiveServer server = listen(lab, address);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lab.close();
                  server.close();
                },
                "live-lab-stop"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the environment (PostgreSQL, Kafka, fault proxy)...");
    out.flush();
    // one broker, whatever LAB_BROKERS says: the page offers no cluster faults
    lab.attach(new Runner(Environments.shared(1), Lab.RUNS));
    out.println("The live lab: " + server.address());
    out.println("Open it in a browser; Ctrl-C stops everything.");
    out.flush();
    new CountDownLatch(1).await(); // the shutdown hook stops the server and the session
    return 0;
  }

  private LiveServer listen(LiveLab lab, InetAddress address) {
    try {
      return LiveServer.start(lab, Options.of(1), host, port);
    } catch (BindException e) {
      throw new IllegalArgumentException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): another program has it; choose another port with --port");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the page's server: " + e.getMessage(), e);
    }
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host: unknown address '" + host + "'");
    }
  }
}
