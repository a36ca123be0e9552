package dualwrite.chaos.report;

import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.run.Strategies;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order the report shows strategy variants in: the naive foil first, then the outbox, then
 * event sourcing, each strategy's variants in the order it lists them; anything the classpath does
 * not know comes after, alphabetically.
 *
 * @param known every known variant, in order
 * @param descriptions what each known variant does, in a phrase
 */
record VariantOrder(List<Matrix.Row> known, Map<Matrix.Row, String> descriptions) {

  private static final List<String> STRATEGIES = List.of("naive", "outbox", "event-sourced");

  /** The variants of the strategies on the classpath. */
  static VariantOrder fromClasspath() {
    Map<Matrix.Row, String> descriptions = new LinkedHashMap<>();
    for (DualWriteStrategy strategy : Strategies.all()) {
      for (Variant variant : strategy.variants()) {
        descriptions.put(new Matrix.Row(strategy.name(), variant.name()), variant.description());
      }
    }
    return new VariantOrder(List.copyOf(descriptions.keySet()), descriptions);
  }

  Comparator<Matrix.Row> rows() {
    return Comparator.comparingInt((Matrix.Row r) -> strategyRank(r.strategy()))
        .thenComparing(Matrix.Row::strategy)
        .thenComparingInt(this::variantRank)
        .thenComparing(Matrix.Row::variant);
  }

  Comparator<String> strategies() {
    return Comparator.comparingInt(VariantOrder::strategyRank).thenComparing(s -> s);
  }

  private static int strategyRank(String strategy) {
    int index = STRATEGIES.indexOf(strategy);
    return index < 0 ? STRATEGIES.size() : index;
  }

  private int variantRank(Matrix.Row row) {
    int index = known.indexOf(row);
    return index < 0 ? known.size() : index;
  }
}
