package dualwrite.faultproxy;

import java.util.Map;

/**
 * Lets bytes through at {@code rate} KB/s (1 KB = 1000 bytes, as in Toxiproxy), in pieces of at
 * most 100 ms worth; a rate of 0 stalls the direction until the toxic is changed or removed.
 */
record Bandwidth(long rate) implements ToxicType {

  @Override
  public String typeName() {
    return "bandwidth";
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("rate", rate);
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new Bandwidth(changed.getOrDefault("rate", rate));
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return new Throttling();
  }

  private final class Throttling implements Behaviour {
    private long pieceDue = -1;
    private int pieceLength;
    private long cursor = Long.MIN_VALUE;

    @Override
    public long advance(long now, ChunkQueue in, ChunkQueue out) {
      while (!in.isEmpty()) {
        Chunk head = in.peek();
        if (head.end) {
          out.offer(in.poll());
          continue;
        }
        if (rate <= 0) {
          return IDLE;
        }
        if (pieceDue < 0) {
          pieceLength = (int) Math.min(head.length, Math.max(1, Math.min(rate * 100, 1 << 30)));
          long start = cursor == Long.MIN_VALUE || now - cursor > 0 ? now : cursor;
          // bytes / (KB/s) = ms, so bytes * 1e6 / rate = ns.
          pieceDue = start + pieceLength * 1_000_000L / rate;
        }
        if (now - pieceDue < 0) {
          return pieceDue;
        }
        if (!out.hasSpace()) {
          return IDLE;
        }
        out.offer(pieceLength >= head.length ? in.poll() : head.takeFront(pieceLength));
        cursor = pieceDue;
        pieceDue = -1;
      }
      return IDLE;
    }

    @Override
    public void interrupt(ChunkQueue in, ChunkQueue out) {
      if (pieceDue >= 0 && !in.isEmpty()) {
        out.offer(in.poll());
      }
      pieceDue = -1;
    }
  }
}
