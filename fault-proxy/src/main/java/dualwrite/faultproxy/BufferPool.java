package dualwrite.faultproxy;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for the pumps, kept for reuse: connections come and go by the thousand, and a
 * direct buffer left to the garbage collector holds native memory until some GC frees it.
 */
final class BufferPool {
  private final int bufferSize;
  private final int maxPooled;
  private final Queue<ByteBuffer> pooled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  BufferPool(int bufferSize, int maxPooled) {
    this.bufferSize = bufferSize;
    this.maxPooled = maxPooled;
  }

  int bufferSize() {
    return bufferSize;
  }

  ByteBuffer take() {
    ByteBuffer buffer = pooled.poll();
    if (buffer == null) {
      return ByteBuffer.allocateDirect(bufferSize);
    }
    size.decrementAndGet();
    return buffer.clear();
  }

  /** Gives a buffer back; beyond the pool's size it is left to the garbage collector. */
  void give(ByteBuffer buffer) {
    if (buffer == null || buffer.capacity() != bufferSize) {
      return;
    }
    if (size.incrementAndGet() <= maxPooled) {
      pooled.add(buffer);
    } else {
      size.decrementAndGet();
    }
  }
}
