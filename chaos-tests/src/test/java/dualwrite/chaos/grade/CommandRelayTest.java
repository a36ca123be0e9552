package dualwrite.chaos.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.FaultOutcome;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.ScenarioBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workshop/relay-command} runs a separate program as the relay, kills it with SIGKILL and
 * starts it again, and the lab grades what it published: here the program is {@link
 * ProcessRelayMain}, a Java relay started as {@code java -cp <this JVM's class path>}, so the test
 * runs wherever the build does.
 */
class CommandRelayTest {

  @TempDir Path temp;

  @Test
  void aRelayProgramKilledAndRestartedKeepsEveryPromise() throws Exception {
    Path pids = temp.resolve("pids");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            quoted(java),
            "-Xshare:auto -XX:TieredStopAtLevel=1",
            "-Dpids=" + quoted(pids.toString()),
            "-cp",
            quoted(System.getProperty("java.class.path")),
            ProcessRelayMain.class.getName());
    Scenario scenario =
        ScenarioBuilder.scenario(
                "relay-program-kill",
                "The relay program is killed (SIGKILL) while the bank commits, then started again.")
            .records(4, 2)
            .awaitClients()
            .kill("relay-1")
            .records(6, 2)
            .awaitClients()
            .restart("relay-1")
            // the program's own start (a JVM on a loaded machine: up to ten seconds in CI) is not
            // what this test grades; the delivery bound counts from the heal, after it is up
            .awaitReady("relay-1", 60_000)
            .records(4, 2)
            .build();

    String before = System.getProperty(RelayCommand.PROPERTY);
    RunResult result;
    System.setProperty(RelayCommand.PROPERTY, command);
    try {
      result = LabRuns.run("workshop/relay-command", scenario);
    } finally {
      if (before == null) {
        System.clearProperty(RelayCommand.PROPERTY);
      } else {
        System.setProperty(RelayCommand.PROPERTY, before);
      }
    }

    assertThat(result.verdict().valid())
        .as("%s (%s)", result.summary(), result.folder())
        .isEqualTo(Verdict.Validity.VALID);
    assertThat(result.verdict().faults())
        .as("the kill landed: %s", result.folder())
        .singleElement()
        .satisfies(kill -> assertThat(kill.step()).contains("relay-1"))
        .matches(FaultOutcome::landed, "landed");
    List<Long> lives =
        Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
    assertThat(lives).as("one pid per life of the relay program").hasSize(2);
    Optional<ProcessHandle> first = ProcessHandle.of(lives.get(0));
    assertThat(first.filter(ProcessHandle::isAlive))
        .as("the first life (pid %d) was killed", lives.get(0))
        .isEmpty();
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
