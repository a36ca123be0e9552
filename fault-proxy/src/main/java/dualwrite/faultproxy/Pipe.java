package dualwrite.faultproxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of one connection: bytes read from {@code source}, passed through this direction's
 * chain of toxics, written to {@code destination}.
 *
 * <p>With no toxic the pipe's pump thread copies straight from one socket to the other through one
 * direct buffer: no queue, no hand-off, no allocation per chunk. With toxics the pump copies what
 * it reads into chunks and queues them in front of the first toxic; a runner thread moves them
 * through the toxics as they fall due and writes them out. When the last toxic goes and everything
 * held has been written, the runner ends and the pump copies directly again.
 *
 * <p>Toxiproxy has no half-close: the end of the source closes the destination completely, which
 * the other direction then sees as the end of its own source.
 */
final class Pipe {
  /**
   * Every pump starts with a small buffer; one that fills it in a single read is carrying a bulk
   * transfer and moves to a large one, so that it costs few system calls. Idle and chatty
   * connections (most of them) hold 16 KiB per direction, not a MiB.
   *
   * <p>A MiB, not 256 KiB: a plain client streaming through the proxy in 1 MiB writes got 0.50 of
   * direct loopback throughput with 256 KiB reads and 0.66 to 0.76 with 1 MiB ones (medians of five
   * interleaved pairs, {@code fault-proxy/bench/stream.py}), since each read and write then moves
   * four times as much per system call. Pooled are 16 of them, 16 MiB at most.
   */
  private static final BufferPool SMALL_BUFFERS = new BufferPool(16 * 1024, 256);

  private static final BufferPool LARGE_BUFFERS = new BufferPool(1024 * 1024, 16);

  /** Toxics see the stream in pieces of at most this size, like Toxiproxy's 32 KiB reads. */
  private static final int CHUNK_SIZE = 32 * 1024;

  private final Connection connection;
  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition space = lock.newCondition();
  private final Condition ended = lock.newCondition();
  private final List<Stage> stages = new ArrayList<>();
  private final ChunkQueue output = new ChunkQueue(64);

  private SocketChannel source;
  private SocketChannel destination;

  /** True while no toxic is on the pipe and nothing is held: the pump writes itself. */
  private volatile boolean direct = true;

  private boolean started;
  private boolean runnerRunning;
  private volatile boolean finished;

  /**
   * When a removed reset_peer closes this direction ({@link System#nanoTime()}), or {@link
   * Behaviour#IDLE}: until then what comes in is dropped, as Toxiproxy's sleeping reset toxic holds
   * it unread until the connection closes.
   */
  private long doomedAt = Behaviour.IDLE;

  Pipe(Connection connection, String threadName, List<Toxic> toxics) {
    this.connection = connection;
    this.threadName = threadName;
    long now = System.nanoTime();
    for (Toxic toxic : toxics) {
      stages.add(new Stage(toxic, now));
    }
    direct = stages.isEmpty();
  }

  /** Starts the pump on the calling thread, once both sockets are connected. */
  void pump(SocketChannel from, SocketChannel to) {
    lock.lock();
    try {
      this.source = from;
      this.destination = to;
      started = true;
      if (finished) {
        return;
      }
      if (!direct) {
        startRunner();
      }
    } finally {
      lock.unlock();
    }
    copy();
  }

  private void copy() {
    ByteBuffer buffer = SMALL_BUFFERS.take();
    try {
      while (!finished) {
        buffer.clear();
        int read = source.read(buffer);
        if (read < 0) {
          break;
        }
        long readAt = System.nanoTime();
        buffer.flip();
        if (direct || !enqueue(buffer, readAt)) {
          writeFully(buffer);
        }
        if (read == SMALL_BUFFERS.bufferSize() && buffer.capacity() == read) {
          SMALL_BUFFERS.give(buffer);
          buffer = LARGE_BUFFERS.take();
        }
      }
    } catch (IOException e) {
      // A reset, a closed socket or a failed write ends this direction, like the end of the stream.
    } finally {
      SMALL_BUFFERS.give(buffer);
      LARGE_BUFFERS.give(buffer);
    }
    endOfSource();
  }

  private void writeFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      destination.write(buffer);
    }
  }

  /**
   * Queues what was read for the toxics; false if the pipe went direct and the caller must write.
   */
  private boolean enqueue(ByteBuffer buffer, long readAt) {
    lock.lock();
    try {
      while (buffer.hasRemaining()) {
        if (finished || doomed()) {
          buffer.position(buffer.limit());
          return true;
        }
        if (direct) {
          return false;
        }
        ChunkQueue entry = entry();
        if (!entry.hasSpace()) {
          space.awaitUninterruptibly();
          continue;
        }
        byte[] bytes = new byte[Math.min(buffer.remaining(), CHUNK_SIZE)];
        buffer.get(bytes);
        entry.offer(Chunk.of(bytes, readAt));
        work.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void endOfSource() {
    lock.lock();
    try {
      if (!direct && !finished) {
        entry().offerEnd(System.nanoTime());
        work.signal();
        return;
      }
    } finally {
      lock.unlock();
    }
    finish();
  }

  private ChunkQueue entry() {
    return stages.isEmpty() ? output : stages.get(0).input;
  }

  private void startRunner() {
    runnerRunning = true;
    Thread runner = new Thread(this::runChain, threadName + "-toxics");
    runner.setDaemon(true);
    runner.start();
  }

  /** The runner: moves chunks through the toxics as they fall due and writes them out. */
  private void runChain() {
    List<Chunk> batch = new ArrayList<>();
    while (true) {
      lock.lock();
      try {
        while (batch.isEmpty()) {
          if (finished) {
            runnerRunning = false;
            return;
          }
          long now = System.nanoTime();
          if (doomed() && now - doomedAt >= 0) {
            batch.add(Chunk.end(now)); // a removed reset_peer's timeout is over: close
            break;
          }
          long wake = Math.min(advance(now), doomedAt);
          if (entry().hasSpace()) {
            space.signalAll();
          }
          while (!output.isEmpty()) {
            batch.add(output.poll());
          }
          if (!batch.isEmpty()) {
            break;
          }
          if (stages.isEmpty() && !doomed()) {
            // Everything held has been written: hand the stream back to the pump.
            direct = true;
            runnerRunning = false;
            space.signalAll();
            return;
          }
          if (wake == Behaviour.IDLE) {
            work.awaitUninterruptibly();
          } else {
            awaitNanos(wake - now);
          }
        }
      } finally {
        lock.unlock();
      }
      for (Chunk chunk : batch) {
        if (chunk.end) {
          finish();
          return;
        }
        try {
          writeFully(ByteBuffer.wrap(chunk.data, chunk.offset, chunk.length));
        } catch (IOException e) {
          finish();
          return;
        }
      }
      batch.clear();
    }
  }

  private void awaitNanos(long nanos) {
    try {
      work.awaitNanos(nanos);
    } catch (InterruptedException e) {
      // Nothing interrupts these threads; a stray interrupt only ends this wait early.
    }
  }

  /** One or more passes over the chain, until nothing moves; returns the earliest wake-up. */
  private long advance(long now) {
    long wake = Behaviour.IDLE;
    for (int pass = 0; pass < 64; pass++) {
      boolean moved = false;
      wake = Behaviour.IDLE;
      for (int i = 0; i < stages.size(); i++) {
        ChunkQueue out = downstreamOf(i);
        long before = out.offers();
        wake = Math.min(wake, stages.get(i).advance(now, out));
        moved |= out.offers() != before;
      }
      if (!moved) {
        break;
      }
    }
    return wake;
  }

  private ChunkQueue downstreamOf(int index) {
    return index + 1 < stages.size() ? stages.get(index + 1).input : output;
  }

  /** Appends a toxic to this pipe's chain; the toxic that was last restarts, as in Toxiproxy. */
  void addToxic(Toxic toxic) {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      long now = System.nanoTime();
      if (!stages.isEmpty()) {
        Stage last = stages.get(stages.size() - 1);
        last.restart(last.toxic, output, now);
      }
      stages.add(new Stage(toxic, now));
      direct = false;
      if (started && !runnerRunning) {
        startRunner();
      }
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  void updateToxic(int index, Toxic toxic) {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      stages.get(index).restart(toxic, downstreamOf(index), System.nanoTime());
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a toxic: what it held goes on at once, in order. Removing a timeout closes the pipe
   * (Toxiproxy's cleanup of that toxic); otherwise the toxic before it restarts. A reset_peer that
   * has begun its countdown still closes the pipe when the countdown ends ({@link ResetPeer}).
   *
   * @return when this pipe will close because of that ({@link System#nanoTime()}), or {@link
   *     Behaviour#IDLE}
   */
  long removeToxic(int index) {
    lock.lock();
    try {
      if (finished) {
        return Behaviour.IDLE;
      }
      long now = System.nanoTime();
      Stage removed = stages.remove(index);
      ChunkQueue next = index < stages.size() ? stages.get(index).input : output;
      long closeAt = removed.closeCommittedAt();
      if (closeAt != Behaviour.IDLE) {
        // A reset under way: what it and the toxics before it hold never goes on, and the
        // direction closes when its timeout ends.
        removed.input.clear();
        for (int i = 0; i < index; i++) {
          stages.get(i).input.clear();
        }
        doomedAt = doomed() ? Math.min(doomedAt, closeAt) : closeAt;
        work.signal();
        space.signalAll();
        return doomedAt;
      }
      removed.input.moveAllTo(next);
      if (removed.toxic.type() instanceof Timeout) {
        next.offerEnd(now);
      } else if (index > 0) {
        Stage previous = stages.get(index - 1);
        previous.restart(previous.toxic, next, now);
      }
      work.signal();
      space.signalAll();
      return doomedAt;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a reset_peer, on the chain or removed, is counting down to close this direction. */
  boolean resetUnderWay() {
    lock.lock();
    try {
      return !finished
          && (doomed() || stages.stream().anyMatch(s -> s.closeCommittedAt() != Behaviour.IDLE));
    } finally {
      lock.unlock();
    }
  }

  private boolean doomed() {
    return doomedAt != Behaviour.IDLE;
  }

  /** Waits until this direction has ended, or {@code deadline} ({@link System#nanoTime()}). */
  void awaitEnd(long deadline) {
    lock.lock();
    try {
      while (!finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        ended.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Ends this direction: closes its destination, wakes its threads, tells the connection. */
  void finish() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      ended.signalAll();
      for (Stage stage : stages) {
        stage.input.clear();
      }
      output.clear();
      work.signalAll();
      space.signalAll();
    } finally {
      lock.unlock();
    }
    connection.closeQuietly(destination);
    connection.pipeFinished();
  }
}
