package dualwrite.chaos.cli;

import dualwrite.chaos.run.Strategies;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --variants}, for the commands that run several strategy variants. */
final class VariantsOption {

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "<strategy>/<variant>",
      description = "only these variants (default: all)")
  List<String> variants;

  /** True when {@code --variants} named them. */
  boolean named() {
    return variants != null;
  }

  /** The variants named, or every variant. */
  List<Strategies.Choice> choices() {
    return variants == null
        ? Strategies.everyVariant()
        : variants.stream().map(Strategies::parse).toList();
  }
}
