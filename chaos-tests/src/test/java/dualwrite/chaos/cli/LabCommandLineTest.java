package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.run.Strategies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad input gets a plain error and a non-zero exit, before any server starts. */
class LabCommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int lab(String... args) {
    CommandLine commandLine = Lab.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void anUnknownStrategyIsNamedWithTheOnesThatExist() {
    assertThat(lab("run", "nope/x", "no-fault")).as("a usage error").isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("unknown strategy 'nope'")
        .contains("naive")
        .contains("outbox")
        .contains("event-sourced");
  }

  @Test
  void anUnknownVariantIsNamedWithTheStrategysVariants() {
    assertThat(lab("run", "outbox/nope", "no-fault")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("no variant 'nope'").contains("polling").contains("cdc");
  }

  @Test
  void anUnknownScenarioIsNamedWithTheCatalogue() {
    assertThat(lab("run", "naive/db-then-kafka", "nope")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("unknown scenario 'nope'").contains("crash-after-commit");
  }

  @Test
  void anUnknownCommandOrOptionIsAUsageError() {
    assertThat(lab("frobnicate")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(lab("compare", "--no-such-option")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("frobnicate").contains("--no-such-option");
  }

  @Test
  void exploreRefusesAShardThatIsNotKOfNBeforeAnyServerStarts() {
    assertThat(lab("explore", "outbox/polling", "--shard", "5/4")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(lab("explore", "outbox/polling", "--shard", "half")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(lab("explore", "outbox/polling", "--count", "2", "--shard", "3/3"))
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("a shard is K/N with 1 <= K <= N, such as 2/4; got 5/4")
        .contains("a shard is K/N, such as 2/4; got 'half'")
        .contains("shard 3/3 of 2 scenarios holds none");
  }

  @Test
  void reportRefusesAMergeDirectoryThatIsNotThere() {
    assertThat(lab("report", "--merge", "target/no-such-runs-dir")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("no runs directory at target/no-such-runs-dir");
  }

  @Test
  void serveRefusesATakenPortOrABadOneBeforeAnyServerStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      assertThat(lab("serve", "--port", port)).isEqualTo(Lab.EXIT_USAGE);
      assertThat(err.toString())
          .contains("cannot listen on 127.0.0.1:" + port)
          .contains("choose another port with --port");
    }
    assertThat(lab("serve", "--port", "70000")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("--port must be between 0 and 65535");
    assertThat(lab("serve", "--host", "no-such-host.invalid")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("unknown address 'no-such-host.invalid'");
    assertThat(out.toString()).as("no environment was started").doesNotContain("Starting");
  }

  @Test
  void gradeNamesTheExercisesAndRefusesBadOptionsBeforeAnyServerStarts() {
    assertThat(lab("grade", "nope")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("unknown exercise 'nope'")
        .contains("relay")
        .contains("inbox")
        .contains("cursor");
    assertThat(lab("grade", "inbox", "--command", "python3 relay.py"))
        .as("a program can only be the relay")
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("goes with 'grade relay' only");
    assertThat(lab("grade", "relay", "--scenarios", "-1")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(lab("grade", "relay", "--command", " ")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--scenarios must be 0 or more")
        .contains("--command needs");
    assertThat(out.toString()).as("no environment was started").doesNotContain("Starting");
  }

  @Test
  void theWorkshopIsReachedByNameButNotListedAmongTheStrategies() {
    assertThat(Strategies.all()).extracting(s -> s.name()).doesNotContain("workshop");
    assertThat(Strategies.everyVariant()).noneMatch(c -> c.strategy().name().equals("workshop"));
    assertThat(Strategies.parse("workshop/relay").toString()).isEqualTo("workshop/relay");
    assertThat(Strategies.parse("workshop/cursor").variant().fix()).isTrue();
  }

  @Test
  void replayNeedsARunFolderOrASeed() {
    assertThat(lab("replay", "not-a-folder")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("neither a run folder nor a seed");
    assertThat(lab("replay", "123:4")).as("a seed needs its variant").isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("--variant");
  }

  @Test
  void replayNeedsAtLeastOneTimeAndANumber() {
    // a real seed and variant, so that only --times can be what is refused, before servers start
    assertThat(lab("replay", "20261127:3", "--variant", "naive/db-then-kafka", "--times", "0"))
        .as("--times 0")
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("--times must be 1 or more");
    assertThat(lab("replay", "20261127:3", "--variant", "naive/db-then-kafka", "--times", "-3"))
        .as("--times -3")
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(lab("replay", "20261127:3", "--variant", "naive/db-then-kafka", "--times", "ten"))
        .as("--times ten")
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("--times").contains("'ten'");
  }

  @Test
  void exploreNeedsAtLeastOneScenario() {
    assertThat(lab("explore", "outbox/polling", "--count", "0")).isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString()).contains("--count must be 1 or more");
  }

  @Test
  void anUnknownConsumerIsNamedWithTheModesThatExist() {
    assertThat(lab("run", "naive/db-then-kafka", "no-fault", "--consumer", "exactly-once"))
        .as("a usage error, before any server starts")
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--consumer")
        .contains("unknown consumer 'exactly-once'")
        .contains("idempotent, non-idempotent, auto-commit, inbox-outside-transaction");
    assertThat(out.toString()).as("no environment was started").doesNotContain("Starting");
  }

  @Test
  void theOldFlagCannotContradictTheConsumerOption() {
    assertThat(
            lab(
                "run",
                "naive/db-then-kafka",
                "no-fault",
                "--consumer",
                "auto-commit",
                "--non-idempotent-consumer"))
        .isEqualTo(Lab.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--non-idempotent-consumer means --consumer non-idempotent")
        .contains("auto-commit");
    assertThat(out.toString()).as("no environment was started").doesNotContain("Starting");
  }

  @Test
  void runTakesEveryConsumerModeByItsLabel() {
    assertThat(consumerOf("run", "outbox/polling", "no-fault"))
        .as("the default")
        .isEqualTo(ConsumerMode.IDEMPOTENT);
    for (ConsumerMode mode : ConsumerMode.values()) {
      assertThat(consumerOf("run", "outbox/polling", "no-fault", "--consumer", mode.label()))
          .as("--consumer %s", mode.label())
          .isEqualTo(mode);
      assertThat(consumerOf("run", "outbox/polling", "no-fault", "--consumer=" + mode.label()))
          .as("--consumer=%s", mode.label())
          .isEqualTo(mode);
    }
  }

  @Test
  void theOldFlagStillMeansNonIdempotent() {
    assertThat(consumerOf("run", "outbox/polling", "no-fault", "--non-idempotent-consumer"))
        .isEqualTo(ConsumerMode.NON_IDEMPOTENT);
    assertThat(
            consumerOf(
                "run",
                "outbox/polling",
                "no-fault",
                "--non-idempotent-consumer",
                "--consumer",
                "non-idempotent"))
        .as("both, saying the same")
        .isEqualTo(ConsumerMode.NON_IDEMPOTENT);
  }

  @Test
  void runHelpListsTheConsumers() {
    assertThat(lab("run", "--help")).isZero();
    assertThat(out.toString())
        .contains("--consumer=<mode>")
        .contains("--non-idempotent-consumer")
        .contains(ConsumerMode.labels().stream().map(label -> label + ":").toList());
  }

  /** The consumer mode {@code ./lab <args>} would run with, from a parse that starts nothing. */
  private static ConsumerMode consumerOf(String... args) {
    CommandLine.ParseResult parsed = Lab.commandLine().parseArgs(args);
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    return run.consumer.mode();
  }

  @Test
  void listNamesEveryStrategyVariantAndScenario() {
    assertThat(lab("list")).isZero();
    assertThat(out.toString())
        .contains("db-then-kafka", "polling", "cdc", "log-relay", "naive-cursor")
        .contains("broker-kill", "stalled-commit");
  }

  @Test
  void everyCommandAnswersHelpWithItsOwnUsage() {
    for (String command :
        new String[] {"list", "run", "compare", "replay", "explore", "bench", "env"}) {
      out.getBuffer().setLength(0);
      assertThat(lab(command, "--help")).as(command + " --help").isZero();
      assertThat(out.toString()).as(command + " --help").contains("Usage: lab " + command);
    }
  }
}
