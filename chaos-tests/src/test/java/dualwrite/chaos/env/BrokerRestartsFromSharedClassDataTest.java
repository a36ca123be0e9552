package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A killed broker comes back from the class-data archive that the build's first broker wrote, so
 * that a scenario's restart does not parse Kafka's classes again (see {@link BrokerJvm}).
 */
class BrokerRestartsFromSharedClassDataTest {

  private final LabEnvironment environment = Environments.shared();

  @Test
  void aRestartedBrokerMapsTheArchive() throws Exception {
    assumeTrue(environment instanceof EmbeddedEnvironment, "the embedded broker's own launch");
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the broker's memory map in /proc");
    EmbeddedEnvironment embedded = (EmbeddedEnvironment) environment;
    BrokerJvm jvm = BrokerJvm.in(embedded.home().resolveSibling("kafka-class-data"));
    // another test fork may still be writing it
    Path archive =
        await().atMost(Duration.ofMinutes(2)).until(jvm::archive, a -> a.isPresent()).get();

    environment.kafka().stop(ServerControl.Stop.KILL);
    environment.kafka().start();

    long pid = embedded.brokerProcesses().get(0).pid();
    List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"));
    assertThat(maps)
        .as("the restarted broker's JVM has the archive mapped")
        .anyMatch(line -> line.endsWith(archive.toString()));
  }

  @Test
  void theArchiveFitsTheBrokersClasspathAndNoOther() throws Exception {
    assumeTrue(environment instanceof EmbeddedEnvironment, "the embedded broker's own launch");
    EmbeddedEnvironment embedded = (EmbeddedEnvironment) environment;
    BrokerJvm jvm = BrokerJvm.in(embedded.home().resolveSibling("kafka-class-data"));
    Path archive =
        await().atMost(Duration.ofMinutes(2)).until(jvm::archive, a -> a.isPresent()).get();
    List<String> classpath = jvm.classpath();

    assertThat(javaVersionWithArchive(archive, classpath))
        .as("a JVM that must use the archive starts with the broker's classpath")
        .isZero();
    assertThat(javaVersionWithArchive(archive, classpath.subList(1, classpath.size())))
        .as(
            "and refuses it without the first jar (the archive fixes the order), so the check above can fail")
        .isNotZero();
  }

  /** {@code java -Xshare:on}: the JVM exits with an error unless it can map the archive. */
  private static int javaVersionWithArchive(Path archive, List<String> classpath) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:on");
    command.add("-XX:SharedArchiveFile=" + archive);
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add("-version");
    Process java =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("java -version ends").isTrue();
    return java.exitValue();
  }
}
