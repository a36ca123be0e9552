package dualwrite.faultproxy;

import java.util.Map;

/**
 * Drops every byte; with {@code timeout} > 0 it closes the connection once no data has arrived for
 * that many ms (each chunk restarts the clock), with 0 it never closes it. Removing it closes the
 * connections it was on.
 */
record Timeout(long timeout) implements ToxicType {

  @Override
  public String typeName() {
    return "timeout";
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("timeout", timeout);
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new Timeout(changed.getOrDefault("timeout", timeout));
  }

  @Override
  public Behaviour start(Stage stage, long startedAt) {
    return new Behaviour() {
      private long deadline = startedAt + ToxicType.millis(timeout);

      @Override
      public long advance(long now, ChunkQueue in, ChunkQueue out) {
        while (!in.isEmpty()) {
          Chunk dropped = in.poll();
          if (dropped.end) {
            out.offer(dropped);
            return IDLE;
          }
          deadline = now + ToxicType.millis(timeout);
        }
        if (timeout <= 0) {
          return IDLE;
        }
        if (now - deadline >= 0) {
          out.offerEnd(now);
          return IDLE;
        }
        return deadline;
      }
    };
  }
}
