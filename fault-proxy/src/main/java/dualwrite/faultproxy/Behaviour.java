package dualwrite.faultproxy;

/**
 * What one toxic does to one direction of one connection, with whatever state that needs. The
 * pipe's runner calls it under the pipe's lock; it never blocks, it says when it wants to run
 * again.
 */
interface Behaviour {
  /** Returned by {@link #advance} when only new input or free space can make progress. */
  long IDLE = Long.MAX_VALUE;

  /** Passes bytes and the end of the stream on unchanged: a toxic whose toxicity roll failed. */
  Behaviour PASS_THROUGH =
      (now, in, out) -> {
        while (!in.isEmpty() && (in.peek().end || out.hasSpace())) {
          out.offer(in.poll());
        }
        return IDLE;
      };

  /**
   * Moves from {@code in} to {@code out} whatever is due at {@code now} (a {@link
   * System#nanoTime()} reading) and returns the time at which it wants to be called again, or
   * {@link #IDLE}.
   */
  long advance(long now, ChunkQueue in, ChunkQueue out);

  /**
   * The toxic is being restarted (changed, or a neighbour added or removed): what it has in hand is
   * passed on at once, as Toxiproxy does, so that no data is dropped or held twice.
   */
  default void interrupt(ChunkQueue in, ChunkQueue out) {}

  /** Whether a restart keeps this very behaviour: a close already under way is not called off. */
  default boolean survivesRestart() {
    return closeCommittedAt() != IDLE;
  }

  /**
   * When a close this behaviour has begun counting down to will come even if its toxic is removed
   * first (a {@link System#nanoTime()} reading), or {@link #IDLE} when it has none under way.
   */
  default long closeCommittedAt() {
    return IDLE;
  }
}
