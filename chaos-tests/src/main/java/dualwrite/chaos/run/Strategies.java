package dualwrite.chaos.run;

import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The strategies on the classpath, found through {@link ServiceLoader}. */
public final class Strategies {

  /** The order strategies are shown in: the naive foil first, then the fixes. */
  private static final List<String> ORDER = List.of("naive", "outbox", "event-sourced");

  private Strategies() {}

  /** The strategies the lab lists and compares. */
  public static List<DualWriteStrategy> all() {
    return everyOne().stream().filter(DualWriteStrategy::listed).toList();
  }

  /** Also the unlisted ones (the workshop's), which a name still reaches. */
  private static List<DualWriteStrategy> everyOne() {
    return ServiceLoader.load(DualWriteStrategy.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparingInt(s -> rank(s.name())))
        .toList();
  }

  private static int rank(String name) {
    int index = ORDER.indexOf(name);
    return index < 0 ? ORDER.size() : index;
  }

  /**
   * @throws IllegalArgumentException naming the strategies there are
   */
  public static DualWriteStrategy named(String name) {
    return everyOne().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown strategy '"
                        + name
                        + "'; the strategies: "
                        + all().stream().map(DualWriteStrategy::name).toList()));
  }

  /** A strategy and one of its variants. */
  public record Choice(DualWriteStrategy strategy, Variant variant) {
    @Override
    public String toString() {
      return strategy.name() + "/" + variant.name();
    }
  }

  /**
   * Parses {@code naive/db-then-kafka}, or {@code outbox} for its first variant.
   *
   * @throws IllegalArgumentException naming what exists
   */
  public static Choice parse(String text) {
    String[] parts = text.split("/", 2);
    DualWriteStrategy strategy = named(parts[0]);
    Variant variant = parts.length == 1 ? strategy.variants().get(0) : strategy.variant(parts[1]);
    return new Choice(strategy, variant);
  }

  /** Every variant of every strategy. */
  public static List<Choice> everyVariant() {
    return all().stream().flatMap(s -> s.variants().stream().map(v -> new Choice(s, v))).toList();
  }
}
