package dualwrite.chaos.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Sends each event to every page that watches, as server-sent events. Each page has a queue of its
 * own, so a slow page (a tab in the background) never holds up the session or the other pages; a
 * page that falls a whole queue behind is dropped, and its browser connects again and catches up.
 */
public final class Broadcast implements AutoCloseable {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** At most this many pages watch at once. */
  static final int MAX_WATCHERS = 32;

  private static final int QUEUE = 512;

  /** One watching page's events, taken by the thread that writes them to its connection. */
  public final class Watch implements AutoCloseable {
    private final BlockingQueue<ServerSentEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean dropped;

    /** The next event, or null after the timeout (time for a keep-alive) or once dropped. */
    ServerSentEvent next(long millis) throws InterruptedException {
      return dropped ? null : queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean dropped() {
      return dropped;
    }

    private void offer(ServerSentEvent event) {
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

  private final List<Watch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * A new watch, holding these events first.
   *
   * @throws IllegalStateException when {@value #MAX_WATCHERS} pages already watch
   */
  public Watch watch(List<ServerSentEvent> first) {
    if (closed || watches.size() >= MAX_WATCHERS) {
      throw new IllegalStateException(
          closed ? "the server is stopping" : MAX_WATCHERS + " pages already watch this session");
    }
    Watch watch = new Watch();
    first.forEach(watch::offer);
    watches.add(watch);
    return watch;
  }

  void send(ServerSentEvent event) {
    watches.forEach(w -> w.offer(event));
  }

  int watching() {
    return watches.size();
  }

  @Override
  public void close() {
    closed = true;
    watches.forEach(Watch::close);
  }
}
