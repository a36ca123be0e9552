package dualwrite.chaos.cli;

import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.run.Runner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lab's main job on the command line. {@code ./lab} at the repository root builds what is
 * missing and runs this.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    // every subcommand answers --help and --version too: `./lab bench --help`
    scope = CommandLine.ScopeType.INHERIT,
    version = "dual-write lab 0.1",
    description = {
      "Runs the dual-write strategies against real PostgreSQL and Kafka while it injects faults,",
      "and says what was lost, invented or processed twice."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every fix kept its promises under faults that landed (a foil may break them)",
      "1:a fix broke a promise, or the checker could not decide (unknown); a loss where the"
          + " scenario turned unclean leader election on is Kafka's, and does not count",
      "2:the command line was wrong",
      "3:the servers could not be started or reached, or a file could not be read or written",
      "4:an error the lab did not expect (the trace is in target/lab-logs/lab.log)",
      "5:./lab could not build the lab",
      "6:vacuous: every promise held, but none of a run's faults landed, so it proves nothing"
    },
    subcommands = {
      ListCommand.class,
      RunCommand.class,
      CompareCommand.class,
      ReplayCommand.class,
      ExploreCommand.class,
      BenchCommand.class,
      EnvCommand.class,
      GradeCommand.class,
      ServeCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Lab implements Runnable {

  /** A fix broke a promise. */
  static final int EXIT_INVALID = 1;

  /** The command line was wrong: unknown name, bad option. */
  static final int EXIT_USAGE = 2;

  /** The servers could not be started or reached, or a file could not be read or written. */
  static final int EXIT_ENVIRONMENT = 3;

  /** An error the lab did not expect: a bug, with its stack trace in the log file. */
  static final int EXIT_UNEXPECTED = 4;

  /** A run kept every promise, but none of its faults landed: it proves nothing. */
  static final int EXIT_VACUOUS = 6;

  /**
   * The exit status a set of verdicts earns: 1 when a fix broke a promise or could not be judged,
   * else 6 when a run proved nothing, else 0. A foil's broken promise is the lesson, not a failure.
   */
  static int exitFor(boolean fix, List<Verdict> verdicts) {
    return exitFor(fix, false, verdicts);
  }

  /**
   * As {@link #exitFor(boolean, List)}, for a scenario that may weaken Kafka's own promise: then a
   * fix's loss that the checker laid at Kafka's door (only {@code lost}, and the verdict's note
   * says so) does not fail the command; any other broken promise, or a run the checker could not
   * judge, still does.
   */
  static int exitFor(boolean fix, boolean kafkaMayLose, List<Verdict> verdicts) {
    if (fix && verdicts.stream().anyMatch(v -> v.valid() == Validity.UNKNOWN)) {
      return EXIT_INVALID;
    }
    if (fix
        && verdicts.stream()
            .anyMatch(v -> brokeOrUndecided(v) && !(kafkaMayLose && v.kafkaBrokeItsPromise()))) {
      return EXIT_INVALID;
    }
    boolean vacuous = verdicts.stream().anyMatch(v -> v.valid() == Validity.VACUOUS);
    return vacuous ? EXIT_VACUOUS : 0;
  }

  /** Invalid, or unknown: for a fix, either fails the command. */
  static boolean brokeOrUndecided(Verdict verdict) {
    return verdict.valid() == Validity.INVALID || verdict.valid() == Validity.UNKNOWN;
  }

  /** Not under {@code dualwrite}: its stack traces go to the log file only, not the console. */
  private static final Logger unexpected = LoggerFactory.getLogger("lab.unexpected");

  /** Where runs leave their folders. */
  static final Path RUNS = Path.of("target", "lab-runs");

  /** Where the report goes. */
  static final Path REPORT = Path.of("target", "lab-report");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Lab());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return EXIT_USAGE;
          }
          if (e instanceof IllegalStateException
              || e instanceof UnsupportedOperationException
              || e instanceof UncheckedIOException
              || e instanceof IOException) {
            cmd.getErr().println("error: " + e.getMessage());
            return EXIT_ENVIRONMENT;
          }
          // 1 means "a fix broke a promise"; a bug in the lab must not look like that
          unexpected.error(
              "unexpected error in 'lab {}'", String.join(" ", parsed.originalArgs()), e);
          cmd.getErr()
              .println(
                  "error: unexpected "
                      + e
                      + " (a bug in the lab; the stack trace is in "
                      + Path.of(System.getProperty("lab.logs", "target/lab-logs"), "lab.log")
                      + ")");
          return EXIT_UNEXPECTED;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The runner on the shared environment (started on first use), leaving folders in RUNS. */
  static Runner runner() {
    LabEnvironment environment = Environments.shared();
    return new Runner(environment, RUNS);
  }
}
