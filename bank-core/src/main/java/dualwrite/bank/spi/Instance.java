package dualwrite.bank.spi;

import java.time.Duration;

/** One life of a {@link Service}: from its start to its crash or stop. */
public interface Instance {

  /** Dies at once: drops buffers, aborts connections, stops threads. Must not block for long. */
  void kill();

  /** Stops in an orderly way. */
  void stop();

  /**
   * Whether it still works, for an instance that can tell: one that says it is not alive (its
   * thread ended by itself, on an error nobody expected) is replaced at the next start of its
   * service. A {@link ServiceLoop} tells (the fraud consumer, the polling and event-sourced
   * relays): the relays' loops catch every exception and start over, so theirs ends only when they
   * are killed or stopped. The CDC relay keeps the default.
   */
  default boolean alive() {
    return true;
  }

  /**
   * Waits until it does its job: a relay has polled once or streams from its slot, a consumer knows
   * where it reads from. The default suits an instance that is ready once launched, such as a bank,
   * which opens its connections on the first call.
   *
   * @return true when ready; false when it stopped first or {@code timeout} passed
   */
  default boolean awaitReady(Duration timeout) throws InterruptedException {
    return true;
  }
}
