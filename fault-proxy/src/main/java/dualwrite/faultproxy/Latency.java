package dualwrite.faultproxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays every chunk by {@code latency} ms, plus or minus up to {@code jitter} ms, counted from the
 * moment the chunk arrived (so delays do not add up), keeping the order of the bytes.
 */
record Latency(long latency, long jitter) implements ToxicType {

  @Override
  public String typeName() {
    return "latency";
  }

  @Override
  public Map<String, Long> attributes() {
    Map<String, Long> attributes = new LinkedHashMap<>();
    attributes.put("latency", latency);
    attributes.put("jitter", jitter);
    return attributes;
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new Latency(
        changed.getOrDefault("latency", latency), changed.getOrDefault("jitter", jitter));
  }

  @Override
  public int queueCapacity() {
    return 1025;
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return new Delaying();
  }

  /** A uniform delay in [latency - jitter, latency + jitter), as Toxiproxy draws it. */
  private long delayNanos() {
    long delay = latency;
    if (jitter > 0) {
      delay += ThreadLocalRandom.current().nextLong(jitter * 2) - jitter;
    }
    return ToxicType.millis(delay);
  }

  private final class Delaying implements Behaviour {
    private long headDue = -1;

    @Override
    public long advance(long now, ChunkQueue in, ChunkQueue out) {
      while (!in.isEmpty()) {
        Chunk head = in.peek();
        if (head.end) {
          out.offer(in.poll());
          continue;
        }
        if (headDue < 0) {
          headDue = head.timestamp + delayNanos();
        }
        if (now - headDue < 0) {
          return headDue;
        }
        if (!out.hasSpace()) {
          return IDLE;
        }
        in.poll();
        // A later latency toxic counts from here, so chained latencies add up.
        head.timestamp = headDue;
        out.offer(head);
        headDue = -1;
      }
      return IDLE;
    }

    @Override
    public void interrupt(ChunkQueue in, ChunkQueue out) {
      if (headDue >= 0 && !in.isEmpty()) {
        out.offer(in.poll());
      }
      headDue = -1;
    }
  }
}
