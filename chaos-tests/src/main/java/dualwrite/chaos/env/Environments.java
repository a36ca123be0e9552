package dualwrite.chaos.env;

import java.nio.file.Path;
import java.util.HashMap;
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
 * {@code external} (your own servers, see {@link ExternalEnvironment}). How many Kafka brokers the
 * embedded backend starts comes from {@code lab.brokers} or {@code LAB_BROKERS}: 1 (the default),
 * or 3 for a replicated cluster. A JVM may hold one environment of each size: the cluster suite
 * shares its test JVM with single-broker tests.
 */
public final class Environments {

  private static final Logger log = LoggerFactory.getLogger(Environments.class);
  private static final Map<Integer, LabEnvironment> shared = new HashMap<>();
  private static final Map<Integer, RuntimeException> failures = new HashMap<>();

  private Environments() {}

  /**
   * The JVM's environment, started on first use, with as many brokers as {@link #chosenBrokers}
   * says.
   *
   * @throws IllegalStateException when it cannot start: the message names the server and why
   */
  public static LabEnvironment shared() {
    return shared(chosenBrokers(System.getenv()));
  }

  /**
   * The JVM's environment with {@code brokers} Kafka brokers (1 or 3), started on first use.
   *
   * @throws IllegalStateException when it cannot start: the message names the server and why
   */
  public static synchronized LabEnvironment shared(int brokers) {
    RuntimeException failure = failures.get(brokers);
    if (failure != null) {
      throw new IllegalStateException("the environment failed to start earlier", failure);
    }
    LabEnvironment environment = shared.get(brokers);
    if (environment == null) {
      try {
        environment = start(System.getenv(), brokers);
      } catch (RuntimeException e) {
        failures.put(brokers, e);
        throw e;
      }
      shared.put(brokers, environment);
      LabEnvironment started = environment;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "lab-environment-shutdown"));
    }
    return environment;
  }

  /**
   * How many brokers Kafka should have: {@code lab.brokers} or {@code LAB_BROKERS}, 1 by default.
   *
   * @throws IllegalArgumentException for anything but 1 or 3
   */
  public static int chosenBrokers(Map<String, String> env) {
    String chosen = System.getProperty("lab.brokers", env.getOrDefault("LAB_BROKERS", "1")).trim();
    if (chosen.isEmpty()) {
      return 1;
    }
    if (!chosen.equals("1") && !chosen.equals("3")) {
      throw new IllegalArgumentException(
          "lab.brokers/LAB_BROKERS is '" + chosen + "': the lab runs Kafka with 1 or 3 brokers");
    }
    return Integer.parseInt(chosen);
  }

  /** The backend named by {@code lab.env} or {@code LAB_ENV}; {@code embedded} by default. */
  public static String chosenBackend(Map<String, String> env) {
    String chosen = System.getProperty("lab.env", env.getOrDefault("LAB_ENV", "embedded"));
    return chosen.trim().toLowerCase(Locale.ROOT);
  }

  static LabEnvironment start(Map<String, String> env) {
    return start(env, chosenBrokers(env));
  }

  static LabEnvironment start(Map<String, String> env, int brokers) {
    String backend = chosenBackend(env);
    log.info("starting the {} environment", backend);
    if (brokers > 1 && backend.equals("containers")) {
      throw new IllegalArgumentException(
          "--brokers 3 needs the embedded environment (or an external cluster): the containers"
              + " backend runs one broker");
    }
    return switch (backend) {
      case "embedded" -> {
        EmbeddedEnvironment embedded = startEmbedded(brokers);
        try {
          RunDatabases.dropLeftovers(embedded);
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
  private static EmbeddedEnvironment startEmbedded(int brokers) {
    Path home = brokers == 1 ? home() : Path.of(home() + "-cluster");
    try {
      return EmbeddedEnvironment.start(home, brokers);
    } catch (IllegalStateException first) {
      log.warn("the environment did not start ({}); trying once more", firstLine(first));
      try {
        return EmbeddedEnvironment.start(home, brokers);
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
