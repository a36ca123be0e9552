package dualwrite.faultproxy;

import java.util.Map;

/** Passes bytes on at once but holds the end of the stream (the close) for {@code delay} ms. */
record SlowClose(long delay) implements ToxicType {

  @Override
  public String typeName() {
    return "slow_close";
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("delay", delay);
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new SlowClose(changed.getOrDefault("delay", delay));
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return new Behaviour() {
      private long closeDue = -1;

      @Override
      public long advance(long now, ChunkQueue in, ChunkQueue out) {
        while (!in.isEmpty()) {
          Chunk head = in.peek();
          if (!head.end) {
            if (!out.hasSpace()) {
              return IDLE;
            }
            out.offer(in.poll());
            continue;
          }
          if (closeDue < 0) {
            closeDue = now + ToxicType.millis(delay);
          }
          if (now - closeDue < 0) {
            return closeDue;
          }
          out.offer(in.poll());
        }
        return IDLE;
      }
    };
  }
}
