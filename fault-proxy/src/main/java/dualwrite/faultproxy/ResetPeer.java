package dualwrite.faultproxy;

import java.util.Map;

/**
 * When the first chunk arrives, drops it, waits {@code timeout} ms and closes the connection. The
 * end of the client's stream is never dropped: a removal of the toxic passes it on. The close is a
 * TCP reset (SO_LINGER 0) when the toxic was there as the connection was accepted; added later, it
 * is a normal close, as in Toxiproxy.
 */
record ResetPeer(long timeout) implements ToxicType {

  @Override
  public String typeName() {
    return "reset_peer";
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("timeout", timeout);
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new ResetPeer(changed.getOrDefault("timeout", timeout));
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return new Behaviour() {
      private long closeDue = -1;

      @Override
      public long advance(long now, ChunkQueue in, ChunkQueue out) {
        if (closeDue < 0) {
          if (in.isEmpty()) {
            return IDLE;
          }
          // Data is dropped. The end of the stream, when it comes first, starts the wait as data
          // would (Toxiproxy reads the closed input the same way) but stays queued: if the toxic
          // is removed before its timeout, the end goes on, and the other side is closed too.
          if (!in.peek().end) {
            in.poll();
          }
          closeDue = now + ToxicType.millis(timeout);
        }
        if (now - closeDue < 0) {
          return closeDue;
        }
        out.offerEnd(now);
        return IDLE;
      }

      @Override
      public boolean survivesRestart() {
        return closeDue >= 0;
      }
    };
  }
}
