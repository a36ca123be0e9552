package dualwrite.faultproxy;

import java.util.ArrayDeque;

/**
 * The queue in front of one toxic of a pipe (or in front of the destination socket). Its capacity
 * gives back-pressure: a full queue stops the toxic before it, and in the end the reader of the
 * source socket. Nothing is queued after the end of the stream.
 */
final class ChunkQueue {
  private final ArrayDeque<Chunk> items = new ArrayDeque<>();
  private final int capacity;
  private boolean ended;
  private boolean blocked;
  private long offers;

  ChunkQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Whether a data chunk may be offered now. */
  boolean hasSpace() {
    return !ended && !blocked && items.size() < capacity;
  }

  /** Queues a chunk; data must be offered only when {@link #hasSpace()}, the end always may. */
  void offer(Chunk chunk) {
    if (ended) {
      return;
    }
    items.add(chunk);
    offers++;
    if (chunk.end) {
      ended = true;
    }
  }

  void offerEnd(long now) {
    offer(Chunk.end(now));
  }

  /** Passes everything queued here on to {@code next}, in order, whatever its capacity. */
  void moveAllTo(ChunkQueue next) {
    while (!items.isEmpty()) {
      next.offer(items.poll());
    }
  }

  /** A toxic that closed its stream takes nothing more. */
  void block() {
    blocked = true;
  }

  Chunk peek() {
    return items.peek();
  }

  Chunk poll() {
    return items.poll();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  boolean ended() {
    return ended;
  }

  long offers() {
    return offers;
  }

  void clear() {
    items.clear();
  }
}
