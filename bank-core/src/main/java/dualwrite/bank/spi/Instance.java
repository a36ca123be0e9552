package dualwrite.bank.spi;

/** One life of a {@link Service}: from its start to its crash or stop. */
public interface Instance {

  /** Dies at once: drops buffers, aborts connections, stops threads. Must not block for long. */
  void kill();

  /** Stops in an orderly way. */
  void stop();

  /**
   * Whether it still works. An instance whose threads ended by themselves (an error nobody
   * expected) is not alive, and the next start of its service launches a fresh one.
   */
  default boolean alive() {
    return true;
  }
}
