package dualwrite.chaos.cli;

import dualwrite.bank.fraud.ConsumerMode;
import java.util.Iterator;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --consumer <mode>}: how the fraud service consumes, the idempotent default or one of its
 * foils; {@code --non-idempotent-consumer} is the older way to say {@code --consumer
 * non-idempotent}, which the docs and exercises still use.
 */
final class ConsumerOption {

  @Option(
      names = "--consumer",
      paramLabel = "<mode>",
      converter = ModeConverter.class,
      completionCandidates = Modes.class,
      description = {
        "how the fraud service consumes (default: idempotent), one of:",
        "idempotent: an inbox in the checks' transaction, offsets committed after it;",
        "non-idempotent: no inbox, so a redelivered batch is checked twice;",
        "auto-commit: Kafka commits the offsets on the next poll, checks committed or not;",
        "inbox-outside-transaction: the inbox commits first, the checks in a second"
            + " transaction;",
        "workshop: your dualwrite.workshop.FraudInbox (exercise 10, ./lab grade inbox).",
        "A run with a foil or the workshop's inbox stays out of the report's comparison."
      })
  ConsumerMode consumer;

  @Option(
      names = "--non-idempotent-consumer",
      description = "the same as --consumer non-idempotent")
  boolean nonIdempotent;

  /**
   * The mode the options ask for.
   *
   * @throws IllegalArgumentException when {@code --non-idempotent-consumer} comes with another
   *     {@code --consumer}
   */
  ConsumerMode mode() {
    if (nonIdempotent && consumer != null && consumer != ConsumerMode.NON_IDEMPOTENT) {
      throw new IllegalArgumentException(
          "--non-idempotent-consumer means --consumer non-idempotent; it cannot go with --consumer "
              + consumer.label());
    }
    if (nonIdempotent) {
      return ConsumerMode.NON_IDEMPOTENT;
    }
    return consumer == null ? ConsumerMode.IDEMPOTENT : consumer;
  }

  /** A mode by its label; a wrong one names those there are. */
  static final class ModeConverter implements CommandLine.ITypeConverter<ConsumerMode> {
    @Override
    public ConsumerMode convert(String value) {
      try {
        return ConsumerMode.fromLabel(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The labels, for the help and for shell completion. */
  static final class Modes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ConsumerMode.labels().iterator();
    }
  }
}
