package dualwrite.chaos.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Writes the report again from run folders already on disk: this machine's, or several machines'
 * merged into one (the runners of a CI matrix each run a slice, then one job merges their folders).
 */
@Command(
    name = "report",
    description = {
      "Write the report from run folders already on disk, running nothing.",
      "With --merge, one report from several runs directories, such as those",
      "of a CI matrix's runners that each ran a slice (--shard K/N)."
    })
final class ReportCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--merge",
      arity = "1..*",
      paramLabel = "DIR",
      description = "runs directories to read instead of ${DEFAULT-VALUE}: each one's run folders",
      defaultValue = "target/lab-runs")
  List<Path> runsDirs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the report goes (default: ${DEFAULT-VALUE})",
      defaultValue = "target/lab-report")
  Path out;

  @Override
  public void run() {
    for (Path dir : runsDirs) {
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(
            spec.commandLine(),
            "no runs directory at " + dir + ": give folders that hold <strategy>/<variant>/...");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
    }
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(ReportStep.write(List.copyOf(runsDirs), out));
    printer.flush();
  }
}
