package dualwrite.chaos.cli;

import dualwrite.chaos.env.Environments;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --brokers 1|3}: how many Kafka brokers the embedded environment starts (else {@code
 * LAB_BROKERS}, else one). Three make a replicated cluster, where the catalogue's cluster scenarios
 * apply.
 */
final class BrokersOption {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--brokers",
      paramLabel = "<1|3>",
      description =
          "Kafka brokers: 1 (default, or LAB_BROKERS), or 3 for a replicated cluster where the"
              + " cluster scenarios apply")
  void brokers(int brokers) {
    if (brokers != 1 && brokers != 3) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--brokers is 1 or 3, not " + brokers);
    }
    System.setProperty("lab.brokers", Integer.toString(brokers));
  }

  /** The brokers the run will have: the option, else {@code LAB_BROKERS}, else 1. */
  static int chosen() {
    return Environments.chosenBrokers(System.getenv());
  }
}
