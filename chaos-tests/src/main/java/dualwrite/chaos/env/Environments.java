package dualwrite.chaos.env;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and holds the JVM's one environment. Starting servers is the slowest part of a run, so
 * every test and every run in a JVM shares one environment, isolated per run by {@link RunSpace},
 * and a shutdown hook tears it down when the JVM exits.
 *
 * <p>The backend comes from the system property {@code lab.env} or the environment variable {@code
 * LAB_ENV}: {@code embedded} (the default), {@code containers} (Testcontainers; needs Docker) or
 * {@code external} (your own servers, see {@link ExternalEnvironment}).
 */
public final class Environments {

  private static final Logger log = LoggerFactory.getLogger(Environments.class);
  private static LabEnvironment shared;
  private static RuntimeException failure;

  private Environments() {}

  /**
   * The JVM's environment, started on first use.
   *
   * @throws IllegalStateException when it cannot start: the message names the server and why
   */
  public static synchronized LabEnvironment shared() {
    if (failure != null) {
      throw new IllegalStateException("the environment failed to start earlier", failure);
    }
    if (shared == null) {
      try {
        shared = start(System.getenv());
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      LabEnvironment started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "lab-environment-shutdown"));
    }
    return shared;
  }

  /** The backend named by {@code lab.env} or {@code LAB_ENV}; {@code embedded} by default. */
  public static String chosenBackend(Map<String, String> env) {
    String chosen = System.getProperty("lab.env", env.getOrDefault("LAB_ENV", "embedded"));
    return chosen.trim().toLowerCase(Locale.ROOT);
  }

  static LabEnvironment start(Map<String, String> env) {
    String backend = chosenBackend(env);
    log.info("starting the {} environment", backend);
    return switch (backend) {
      case "embedded" -> {
        EmbeddedEnvironment embedded = startEmbedded();
        try {
          RunSpace.dropLeftovers(embedded);
        } catch (RuntimeException e) {
          embedded.close(); // no server outlives a start that failed
          throw e;
        }
        yield embedded;
      }
      case "containers" -> ContainerEnvironment.start();
      case "external" -> ExternalEnvironment.fromVariables(env);
      default ->
          throw new IllegalArgumentException(
              "unknown environment '"
                  + backend
                  + "' in lab.env/LAB_ENV: expected embedded, containers or external");
    };
  }

  /**
   * Starts the embedded servers, with one more try on fresh ports when the first fails: a port can
   * be taken by another process between its pick and the server's bind, and every test in the JVM
   * depends on this start.
   */
  private static EmbeddedEnvironment startEmbedded() {
    try {
      return EmbeddedEnvironment.start(home());
    } catch (IllegalStateException first) {
      log.warn("the environment did not start ({}); trying once more", firstLine(first));
      try {
        return EmbeddedEnvironment.start(home());
      } catch (RuntimeException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Where the embedded servers keep their files: {@code lab.env.home}, else target/lab-env. */
  static Path home() {
    return Path.of(System.getProperty("lab.env.home", "target/lab-env")).toAbsolutePath();
  }
}
