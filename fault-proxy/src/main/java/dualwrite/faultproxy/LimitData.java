package dualwrite.faultproxy;

import java.util.Map;

/** Passes exactly {@code bytes} bytes per connection and direction, then closes the connection. */
record LimitData(long bytes) implements ToxicType {

  @Override
  public String typeName() {
    return "limit_data";
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("bytes", bytes);
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new LimitData(changed.getOrDefault("bytes", bytes));
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return (at, in, out) -> {
      while (!in.isEmpty()) {
        Chunk head = in.peek();
        if (head.end) {
          out.offer(in.poll());
          return Behaviour.IDLE;
        }
        if (!out.hasSpace()) {
          return Behaviour.IDLE;
        }
        long allowed = Math.max(0, bytes - stage.bytesPassed);
        in.poll();
        if (allowed > 0) {
          if (head.length > allowed) {
            head.length = (int) allowed;
          }
          out.offer(head);
          stage.bytesPassed += head.length;
        }
        if (bytes - stage.bytesPassed <= 0) {
          out.offerEnd(at);
          return Behaviour.IDLE;
        }
      }
      return Behaviour.IDLE;
    };
  }
}
