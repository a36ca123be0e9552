package dualwrite.chaos.live;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.run.Strategies;
import java.util.Arrays;
import java.util.List;

/**
 * What the page offers (the answer to {@code GET /api/options}): the variants to start, the
 * consumers, the links to cut or poison, the actions, the highest rate. The services and their
 * crash points come with each sample, since they are the running variant's.
 */
public record Options(
    List<VariantOption> variants,
    List<ConsumerOption> consumers,
    List<String> links,
    List<String> actions,
    List<String> toxics,
    int maxRate,
    int defaultRate) {

  public record VariantOption(String name, String description, boolean fix) {}

  public record ConsumerOption(String label, String story) {}

  /** The default rate: a few transactions in every fault, few enough to follow by eye. */
  public static final int DEFAULT_RATE = 20;

  /** What a lab with this many brokers can run. */
  public static Options of(int brokers) {
    List<VariantOption> variants =
        Strategies.everyVariant().stream()
            .filter(choice -> choice.variant().brokers() <= brokers)
            .map(
                choice ->
                    new VariantOption(
                        choice.toString(), choice.variant().description(), choice.variant().fix()))
            .toList();
    List<ConsumerOption> consumers =
        Arrays.stream(ConsumerMode.values())
            .filter(mode -> mode != ConsumerMode.WORKSHOP)
            .map(mode -> new ConsumerOption(mode.label(), mode.story()))
            .toList();
    return new Options(
        variants,
        consumers,
        Link.all().stream().map(Link::toString).toList(),
        LiveAction.ACTIONS,
        List.of("latency", "timeout", "reset-peer"),
        Traffic.MAX_RATE,
        DEFAULT_RATE);
  }
}
