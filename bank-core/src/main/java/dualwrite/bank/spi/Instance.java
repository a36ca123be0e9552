package dualwrite.bank.spi;

/** One life of a {@link Service}: from its start to its crash or stop. */
public interface Instance {

  /** Dies at once: drops buffers, aborts connections, stops threads. Must not block for long. */
  void kill();

  /** Stops in an orderly way. */
  void stop();
}
