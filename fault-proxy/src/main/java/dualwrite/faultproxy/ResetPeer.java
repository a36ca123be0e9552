package dualwrite.faultproxy;

import java.util.Map;

/**
 * When the first chunk arrives, drops it, waits {@code timeout} ms and closes the connection. The
 * close is a TCP reset (SO_LINGER 0) when the toxic was there as the connection was accepted; added
 * later, it is a normal close, as in Toxiproxy.
 *
 * <p>Once the first chunk has arrived the close is certain: removing the toxic does not call it
 * off, it waits for it ({@link Pipe#removeToxic}). Toxiproxy's reset toxic sleeps out its timeout
 * without listening for the removal, whose request returns only after the close. A proxy that
 * instead let the connection live on after a removal would leave the dropped chunk unanswered on an
 * open connection, and a client without a socket timeout would wait for ever: in CI, Debezium's
 * query for the outbox's columns did, and held the CDC relay for the whole settle time.
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
      public long closeCommittedAt() {
        return closeDue >= 0 ? closeDue : IDLE;
      }
    };
  }
}
