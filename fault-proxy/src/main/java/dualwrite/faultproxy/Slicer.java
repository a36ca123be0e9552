package dualwrite.faultproxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cuts every chunk into slices of about {@code average_size} bytes (plus or minus {@code
 * size_variation}), waiting {@code delay} MICROseconds after each slice.
 */
record Slicer(long averageSize, long sizeVariation, long delay) implements ToxicType {

  @Override
  public String typeName() {
    return "slicer";
  }

  @Override
  public Map<String, Long> attributes() {
    Map<String, Long> attributes = new LinkedHashMap<>();
    attributes.put("average_size", averageSize);
    attributes.put("size_variation", sizeVariation);
    attributes.put("delay", delay);
    return attributes;
  }

  @Override
  public ToxicType with(Map<String, Long> changed) {
    return new Slicer(
        changed.getOrDefault("average_size", averageSize),
        changed.getOrDefault("size_variation", sizeVariation),
        changed.getOrDefault("delay", delay));
  }

  @Override
  public Behaviour start(Stage stage, long now) {
    return new Slicing();
  }

  /**
   * Slice lengths for a chunk: halve around the middle, moved by up to the variation, until a piece
   * is within the variation of the average. Never below one byte, whatever the attributes.
   */
  List<Integer> sliceLengths(int length) {
    List<Integer> lengths = new ArrayList<>();
    split(0, length, lengths);
    return lengths;
  }

  private void split(int start, int end, List<Integer> lengths) {
    if ((end - start) - averageSize <= sizeVariation || end - start <= 1) {
      lengths.add(end - start);
      return;
    }
    long variation = Math.min(sizeVariation, (end - start) / 2 - 1);
    long shift =
        variation > 0 ? ThreadLocalRandom.current().nextLong(variation * 2) - variation : 0;
    int mid = (int) Math.max(start + 1, Math.min(end - 1, start + (end - start) / 2 + shift));
    split(start, mid, lengths);
    split(mid, end, lengths);
  }

  private final class Slicing implements Behaviour {
    private List<Integer> slices;
    private int next;
    private long nextAt = Long.MIN_VALUE;

    @Override
    public long advance(long now, ChunkQueue in, ChunkQueue out) {
      while (!in.isEmpty()) {
        if (nextAt != Long.MIN_VALUE && now - nextAt < 0) {
          return nextAt;
        }
        Chunk head = in.peek();
        if (head.end) {
          out.offer(in.poll());
          return IDLE;
        }
        if (!out.hasSpace()) {
          return IDLE;
        }
        if (slices == null) {
          slices = sliceLengths(head.length);
          next = 0;
        }
        int length = slices.get(next++);
        if (next == slices.size() || length >= head.length) {
          out.offer(in.poll());
          slices = null;
        } else {
          out.offer(head.takeFront(length));
        }
        nextAt = now + Math.max(0, delay) * 1_000;
      }
      return IDLE;
    }

    @Override
    public void interrupt(ChunkQueue in, ChunkQueue out) {
      if (slices != null && !in.isEmpty()) {
        out.offer(in.poll());
      }
      slices = null;
    }
  }
}
