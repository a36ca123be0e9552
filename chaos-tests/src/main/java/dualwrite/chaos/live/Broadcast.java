package dualwrite.chaos.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

  private final List<PageWatch> watches = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * A new watch, holding these events first.
   *
   * @throws IllegalStateException when {@value #MAX_WATCHERS} pages already watch
   */
  public PageWatch watch(List<ServerSentEvent> first) {
    if (closed || watches.size() >= MAX_WATCHERS) {
      throw new IllegalStateException(
          closed ? "the server is stopping" : MAX_WATCHERS + " pages already watch this session");
    }
    PageWatch watch = new PageWatch(watches);
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
    watches.forEach(PageWatch::close);
  }
}
