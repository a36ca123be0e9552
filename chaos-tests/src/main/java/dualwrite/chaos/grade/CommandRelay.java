package dualwrite.chaos.grade;

import dualwrite.bank.spi.Instance;
import dualwrite.bank.spi.LearnerCode;
import dualwrite.bank.spi.Readiness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a relay the learner wrote as a program: its process, its output copied to a log file,
 * and its readiness, which it announces by printing the line {@value #READY} once it has connected
 * and looked at the outbox.
 */
final class CommandRelay implements Instance {

  /** The line the program prints when it is ready. */
  static final String READY = "READY";

  private static final Logger log = LoggerFactory.getLogger(CommandRelay.class);
  private static final int LAST_LINES = 5;

  private final String name;
  private final Process process;
  private final Readiness readiness = new Readiness();
  private final Deque<String> lastLines = new ArrayDeque<>();
  private volatile boolean ending;

  private CommandRelay(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static CommandRelay start(
      String name, String command, Map<String, String> environment, Path log) {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the relay command '" + command + "'", e);
    }
    CommandRelay relay = new CommandRelay(name, process);
    Thread output = new Thread(() -> relay.copyOutput(log), "relay-command-" + name);
    output.setDaemon(true);
    output.start();
    return relay;
  }

  /** Copies the program's output to its log, watches for READY, and notices when it exits. */
  private void copyOutput(Path file) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                file,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      out.write("== " + name + " started, pid " + process.pid() + "\n");
      out.flush();
      String line;
      while ((line = lines.readLine()) != null) {
        out.write(line + "\n");
        out.flush();
        if (line.strip().equals(READY)) {
          readiness.ready();
        }
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > LAST_LINES) {
            lastLines.removeFirst();
          }
        }
      }
      int status = process.waitFor();
      out.write("== " + name + " exited with status " + status + "\n");
      if (!ending) {
        String tail;
        synchronized (lastLines) {
          tail = String.join(" | ", lastLines);
        }
        LearnerCode.threw(
            name,
            new IllegalStateException(
                "the relay program exited by itself with status "
                    + status
                    + (tail.isEmpty() ? "" : "; its last lines: " + tail)));
      }
    } catch (IOException e) {
      log.debug("{}: lost the relay program's output: {}", name, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      readiness.never();
    }
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return readiness.await(timeout);
  }

  @Override
  public boolean alive() {
    return process.isAlive();
  }

  /**
   * SIGKILL, to the program and everything it started (a shell that does not exec keeps the relay
   * as its child), and waits until all of them are gone.
   */
  @Override
  public void kill() {
    ending = true;
    readiness.never();
    List<ProcessHandle> all = everyProcess();
    all.forEach(ProcessHandle::destroyForcibly);
    awaitExit(all, Duration.ofSeconds(10));
  }

  /** SIGTERM to all of them, then SIGKILL to what is still there after five seconds. */
  @Override
  public void stop() {
    ending = true;
    readiness.never();
    List<ProcessHandle> all = everyProcess();
    all.forEach(ProcessHandle::destroy);
    if (!awaitExit(all, Duration.ofSeconds(5))) {
      kill();
    }
  }

  /**
   * The program first, so that it forks nothing more once signalled, then its descendants as they
   * were just before (once the program is gone they are no longer its descendants).
   */
  private List<ProcessHandle> everyProcess() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    all.addAll(process.descendants().toList());
    return all;
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle one : processes) {
      long left = deadline - System.nanoTime();
      try {
        one.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        // onExit does not fail
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
