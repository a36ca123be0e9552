package dualwrite.chaos.property;

/**
 * One of {@code of} disjoint slices of the generated scenarios, so that several machines (the
 * runners of a CI matrix) share one seed's scenarios: slice {@code index} takes the scenarios whose
 * number, counted from 0, leaves {@code index - 1} when divided by {@code of}. Every scenario falls
 * in exactly one slice, and the slices stay as even as the count allows, however long each takes.
 *
 * @param index which slice, from 1
 * @param of how many slices
 */
public record Shard(int index, int of) {

  /** The whole: one slice of one. */
  public static final Shard ALL = new Shard(1, 1);

  /**
   * @throws IllegalArgumentException unless 1 &lt;= index &lt;= of
   */
  public Shard {
    if (of < 1 || index < 1 || index > of) {
      throw new IllegalArgumentException(
          "a shard is K/N with 1 <= K <= N, such as 2/4; got " + index + "/" + of);
    }
  }

  /**
   * Reads {@code K/N}.
   *
   * @throws IllegalArgumentException for anything else, saying what a shard looks like
   */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("a shard is K/N, such as 2/4; got '" + text + "'");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a shard is K/N, such as 2/4; got '" + text + "'", e);
    }
  }

  /** Whether the scenario numbered {@code scenarioIndex} (from 0) is in this slice. */
  public boolean takes(int scenarioIndex) {
    return scenarioIndex % of == index - 1;
  }

  /** Whether this is the whole, not a slice. */
  public boolean whole() {
    return of == 1;
  }

  @Override
  public String toString() {
    return index + "/" + of;
  }
}
