package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server as {@code java -jar fault-proxy.jar} runs it, in a JVM of its own. */
class StandaloneServerTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @Test
  void itServesLogsEachCallAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("proxies.json");
    Files.writeString(
        config,
        "[{\"name\":\"from-file\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}]");
    Process process = start("--port", "0", "--config", config.toString());
    Queue<String> lines = collect(process);
    try {
      String url =
          await().atMost(Duration.ofSeconds(20)).until(() -> listeningUrl(lines), u -> u != null);

      HttpResponse<String> proxies =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/proxies")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(proxies.body()).as("the config file's proxies exist").contains("\"from-file\"");
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(lines)
                      .as("each control call is logged on one line: method, path, status, ms")
                      .anySatisfy(
                          line -> assertThat(line).matches(".*GET /proxies 200 [0-9.]+ ms")));
    } finally {
      // SIGTERM, as Process.destroy() sends it, but without closing our end of its output.
      process.toHandle().destroy();
    }
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("SIGTERM stops it").isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(lines)
                    .as("it says it stopped")
                    .anyMatch(line -> line.endsWith("fault-proxy stopped")));
  }

  @Test
  void aTakenPortIsAOneLineErrorAndExitCode1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process process = start("--port", String.valueOf(taken.getLocalPort()));
      List<String> output = readAll(process);

      assertThat(process.exitValue()).as("a failure exit code").isEqualTo(1);
      assertThat(output)
          .as("one clear line")
          .containsExactly(
              "fault-proxy: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use");
    }
  }

  @Test
  void aBadArgumentIsAOneLineErrorAndExitCode2() throws Exception {
    Process process = start("--port", "not-a-port");
    List<String> output = readAll(process);

    assertThat(process.exitValue()).as("a usage exit code").isEqualTo(2);
    assertThat(output).as("one clear line").hasSize(1);
    assertThat(output.get(0))
        .as("naming the option")
        .startsWith("fault-proxy: Invalid value for option '--port'");
  }

  @Test
  void helpDescribesTheOptions() throws Exception {
    Process process = start("--help");
    List<String> output = readAll(process);

    assertThat(process.exitValue()).as("help is not an error").isZero();
    assertThat(String.join("\n", output))
        .as("the options")
        .contains("--host", "--port", "--config");
  }

  private static Process start(String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FaultProxyCommand.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static Queue<String> collect(Process process) {
    Queue<String> lines = new ConcurrentLinkedQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("read failed: " + e);
              }
            },
            "standalone-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static List<String> readAll(Process process) throws Exception {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> lines = in.lines().toList();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("it exits").isTrue();
      return lines;
    }
  }

  private static String listeningUrl(Queue<String> lines) {
    for (String line : lines) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return null;
  }
}
