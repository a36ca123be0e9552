package dualwrite.chaos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dualwrite.chaos.scenario.Step;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's history, recorded as it happens by many threads. Times are monotonic nanoseconds since
 * the run started; {@link #startedAt()} ties them to the wall clock, which the servers' timestamps
 * use.
 */
public final class History {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long startNanos;
  private final Instant startedAt;
  private final List<Op> ops = new ArrayList<>();

  public History() {
    this.startNanos = System.nanoTime();
    this.startedAt = Instant.now();
  }

  private History(Instant startedAt, List<Op> ops) {
    this.startNanos = 0;
    this.startedAt = startedAt;
    this.ops.addAll(ops);
  }

  /** Appends a client's operation now. */
  public Op add(
      String process, Op.Type type, String f, String value, UUID transactionId, String error) {
    return append(process, type, f, value, transactionId, error, null);
  }

  /**
   * Appends a nemesis operation now, typed by the step it belongs to.
   *
   * @param f what happened: the step's kind on invoke and completion, or what its armed point did
   *     ({@code crashed}, {@code stalled}, {@code fault-fired}, {@code disarmed})
   */
  public Op nemesis(Op.Type type, String f, Step step, String error) {
    return append(Op.NEMESIS, type, f, step.describe(), null, error, step);
  }

  private synchronized Op append(
      String process,
      Op.Type type,
      String f,
      String value,
      UUID transactionId,
      String error,
      Step step) {
    Op op =
        new Op(
            ops.size(),
            process,
            type,
            f,
            value,
            transactionId,
            System.nanoTime() - startNanos,
            error,
            step);
    ops.add(op);
    return op;
  }

  /** The wall-clock time of an operation. */
  public Instant timeOf(Op op) {
    return startedAt.plusNanos(op.timeNanos());
  }

  /** The operations so far, in order. */
  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** The wall-clock time of nanosecond 0. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Nanoseconds since the start, now. */
  public long now() {
    return System.nanoTime() - startNanos;
  }

  /** Writes one JSON object per line, the first line holding the start time. */
  public void write(Path file) {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(JSON.writeValueAsString(new Start(startedAt.toString())));
      out.newLine();
      for (Op op : ops()) {
        out.write(JSON.writeValueAsString(op));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history to " + file, e);
    }
  }

  /** Reads a history written by {@link #write}. */
  public static History read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String first = in.readLine();
      Instant startedAt = Instant.parse(JSON.readValue(first, Start.class).startedAt());
      List<Op> ops = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          ops.add(JSON.readValue(line, Op.class));
        }
      }
      return new History(startedAt, ops);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history in " + file, e);
    }
  }

  /** The first line of a history file. */
  record Start(String startedAt) {}
}
