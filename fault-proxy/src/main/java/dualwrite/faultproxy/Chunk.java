package dualwrite.faultproxy;

/**
 * A piece of one direction's byte stream on its way through a chain of toxics, stamped with the
 * time it arrived; or the end of that stream.
 */
final class Chunk {
  private static final byte[] NO_BYTES = new byte[0];

  final byte[] data;
  final boolean end;
  int offset;
  int length;
  long timestamp;

  private Chunk(byte[] data, int offset, int length, long timestamp, boolean end) {
    this.data = data;
    this.offset = offset;
    this.length = length;
    this.timestamp = timestamp;
    this.end = end;
  }

  static Chunk of(byte[] data, long timestamp) {
    return new Chunk(data, 0, data.length, timestamp, false);
  }

  /** The end of the stream: once it reaches the destination, the destination is closed. */
  static Chunk end(long timestamp) {
    return new Chunk(NO_BYTES, 0, 0, timestamp, true);
  }

  /** Cuts the first {@code n} bytes off this chunk and returns them as a chunk of their own. */
  Chunk takeFront(int n) {
    Chunk front = new Chunk(data, offset, n, timestamp, false);
    offset += n;
    length -= n;
    return front;
  }
}
