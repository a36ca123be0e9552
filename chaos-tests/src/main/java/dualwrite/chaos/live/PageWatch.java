package dualwrite.chaos.live;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One watching page's events from a {@link Broadcast}, taken by the thread that writes them to its
 * connection.
 */
public final class PageWatch implements AutoCloseable {

  private static final int QUEUE = 512;

  private final BlockingQueue<ServerSentEvent> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Collection<PageWatch> watches;
  private volatile boolean dropped;

  /**
   * @param watches the broadcast's watches, which this one leaves when closed or dropped
   */
  PageWatch(Collection<PageWatch> watches) {
    this.watches = watches;
  }

  /** The next event, or null after the timeout (time for a keep-alive) or once dropped. */
  ServerSentEvent next(long millis) throws InterruptedException {
    return dropped ? null : queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  boolean dropped() {
    return dropped;
  }

  /** Queues an event; a page too slow to take its events is dropped. */
  void offer(ServerSentEvent event) {
    if (!queue.offer(event)) {
      dropped = true;
      watches.remove(this);
    }
  }

  @Override
  public void close() {
    dropped = true;
    watches.remove(this);
  }
}
