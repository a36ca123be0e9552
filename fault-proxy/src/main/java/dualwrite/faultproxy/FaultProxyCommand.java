package dualwrite.faultproxy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone server, like {@code toxiproxy-server}: {@code java -jar fault-proxy.jar --host
 * 127.0.0.1 --port 8474}. Logs each control call on one line and stops cleanly on Ctrl-C.
 */
@Command(
    name = "fault-proxy",
    mixinStandardHelpOptions = true,
    versionProvider = FaultProxyCommand.Version.class,
    description = "A TCP fault proxy that speaks Toxiproxy's HTTP control API.")
public final class FaultProxyCommand implements Callable<Integer> {
  /** Console logging for the standalone jar only; embedders keep their own configuration. */
  private static final String LOGGING_CONFIG = "fault-proxy-console.xml";

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address for the control API (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      defaultValue = "8474",
      description = "Port for the control API (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON file of proxies to create at start, as POST /populate takes.")
  private Path config;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIG);
    }
    System.exit(run(args));
  }

  /**
   * Runs the command and returns its exit code: 0 after a clean stop, 1 if it cannot start, 2 for
   * bad arguments.
   */
  static int run(String... args) {
    CommandLine commandLine = new CommandLine(new FaultProxyCommand());
    commandLine.setParameterExceptionHandler(
        (e, ignored) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("fault-proxy: " + e.getMessage() + " (see --help)");
          return 2;
        });
    return commandLine.execute(args);
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false; // the start fails below, with its own message
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      System.err.println("fault-proxy: --port must be between 0 and 65535, not " + port);
      return 2;
    }
    Logger log = LoggerFactory.getLogger(FaultProxyCommand.class);
    if (!isLoopback(host)) {
      log.warn(
          "the control API listens on {}, not loopback: anyone who reaches it can open proxies"
              + " (a relay to any address this machine reaches) and break them",
          host);
    }
    FaultProxyServer server;
    try {
      server = FaultProxyServer.start(host, port);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      System.err.println("fault-proxy: " + e.getMessage());
      return 1;
    }
    if (config != null) {
      try {
        server.populate(Files.readAllBytes(config));
      } catch (IOException | ApiError e) {
        server.close();
        System.err.println("fault-proxy: cannot load " + config + ": " + e.getMessage());
        return 1;
      }
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  log.info("fault-proxy stopped");
                  stopped.countDown();
                },
                "fault-proxy-shutdown"));
    log.info(
        "fault-proxy (Toxiproxy {} API) listening on {}",
        ControlApi.TOXIPROXY_VERSION,
        server.controlUrl());
    stopped.await();
    return 0;
  }

  /** {@code --version}: the module version and the Toxiproxy API version it speaks. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FaultProxyCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "fault-proxy " + (version == null ? "dev" : version),
        "Toxiproxy API " + ControlApi.TOXIPROXY_VERSION
      };
    }
  }
}
