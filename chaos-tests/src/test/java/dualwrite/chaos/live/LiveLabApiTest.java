package dualwrite.chaos.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live lab's JSON API, spoken to directly as curl or a script would: bad input gets a 4xx with
 * a message and the session goes on; then the naive strategy's session, with {@code bank->kafka}
 * cut by hand, is checked into a run folder whose scenario holds the cut, and two watchers saw the
 * same session's events.
 */
class LiveLabApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LiveLab lab;
  private static LiveServer server;

  @BeforeAll
  static void serve() throws IOException {
    lab = new LiveLab(LabRuns.runner().writingTo(Path.of("target", "live-lab", "runs")));
    server = LiveServer.start(lab, Options.of(1), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    lab.close();
    server.close();
  }

  @Test
  void badRequestsGetAMessageWhileTheSessionGoesOnToItsVerdict() throws Exception {
    assertThat(server.address().getHost()).as("it listens on loopback").isEqualTo("127.0.0.1");
    assertError(post("/api/session/actions", "{\"action\":\"cut\",\"link\":\"bank->kafka\"}"), 409)
        .contains("no session is running");
    assertError(post("/api/session", "{\"variant\":\"naive/no-such-thing\"}"), 400)
        .contains("no-such-thing");
    assertError(post("/api/session", "{\"variant\":\"no-such-strategy\"}"), 400)
        .contains("unknown strategy");
    assertThat(get("/api/session").body()).contains("\"status\":\"none\"");
    Watcher first = new Watcher();
    Watcher second = new Watcher();
    try {
      assertThat(
              post("/api/session", "{\"variant\":\"naive/db-then-kafka\",\"rate\":40}")
                  .statusCode())
          .isEqualTo(201);
      refusesBadInput();
      JsonNode state = JSON.readTree(get("/api/session").body());
      assertThat(state.get("status").asText()).as("after every bad request").isEqualTo("running");
      assertThat(state.get("actions").get(0).get("error").asText())
          .as("the failed kill is logged as failed")
          .contains("ghost");

      everyKindOfFaultTakesEffect(first);
      await("checks before the cut")
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> latestSample(first) != null && latestSample(first).get("checked").asLong() > 0);
      long okBefore = latestSample(first).get("ok").asLong();
      await("the bank answers ok again after the faults")
          .atMost(Duration.ofSeconds(30))
          .until(() -> latestSample(first).get("ok").asLong() >= okBefore + 5);
      long refusedBefore = refusedOrUnanswered(first);
      act("{\"action\":\"cut\",\"link\":\"bank->kafka\"}");
      // the cut landed: committed transactions stay off the topic, and their clients are refused
      await("committed transactions refused under the cut")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                JsonNode sample = latestSample(first);
                return refusedOrUnanswered(first) >= refusedBefore + 3
                    && sample.get("committed").asLong() - sample.get("onTopic").asLong() >= 3;
              });

      HttpResponse<String> checked = post("/api/session/check", "{}");

      assertThat(checked.statusCode()).isEqualTo(200);
      JsonNode verdict = JSON.readTree(checked.body()).get("verdict");
      assertThat(verdict.get("word").asText()).as(checked.body()).isEqualTo("invalid");
      assertThat(verdict.get("anomalies").findValuesAsText("label")).contains("lost");
      assertThat(verdict.get("faults"))
          .as("the cut landed: %s", verdict.get("faults"))
          .anySatisfy(
              fault -> {
                assertThat(fault.get("step").asText()).isEqualTo("down(bank->kafka)");
                assertThat(fault.get("landed").asBoolean()).isTrue();
              });
      assertThat(verdict.get("journeys").asText())
          .contains("class=\"flow\"")
          .contains("data-anomalies=\"lost");
      Scenario scenario = RunFolder.readScenario(Path.of(verdict.get("folder").asText()));
      assertThat(scenario.steps())
          .as("the run folder's scenario holds the cut, to replay")
          .contains(new Step.Inject(new Fault.Down(Link.parse("bank->kafka"))), new Step.HealAll());
      assertThat(scenario.records()).isGreaterThan(10);
      assertThat(verdict.get("replay").asText()).startsWith("./lab replay ");
      assertThat(second.frames)
          .as("a second page watched the same session")
          .anyMatch(f -> f.startsWith("event: sample"));
      assertError(post("/api/session/actions", "{\"action\":\"heal-all\"}"), 409)
          .contains("checked");
    } finally {
      first.close();
      second.close();
      lab.stop();
    }
  }

  /**
   * One of each kind of fault the page offers, each seen to take effect: a toxic, a crash armed at
   * a point and fired when the fraud service reaches it, a kill and a restart, Kafka paused and
   * resumed, PostgreSQL stopped at once and started.
   */
  private static void everyKindOfFaultTakesEffect(Watcher watcher) throws Exception {
    act("{\"action\":\"latency\",\"link\":\"fraud->kafka\",\"millis\":50}");
    assertThat(state().get("bands").findValuesAsText("label"))
        .contains("latency(fraud->kafka, 50ms)");
    act("{\"action\":\"heal\",\"link\":\"fraud->kafka\"}");

    act("{\"action\":\"crash\",\"service\":\"fraud\",\"point\":\"after-db-commit\"}");
    await("the crash fires").atMost(Duration.ofSeconds(20)).until(() -> !up(watcher, "fraud"));
    assertThat(state().get("armed")).as("fired, no longer armed").isEmpty();
    act("{\"action\":\"restart\",\"service\":\"fraud\"}");
    await("the fraud service is back")
        .atMost(Duration.ofSeconds(20))
        .until(() -> up(watcher, "fraud"));

    act("{\"action\":\"kill\",\"service\":\"bank\"}");
    await("the bank is down").atMost(Duration.ofSeconds(10)).until(() -> !up(watcher, "bank"));
    act("{\"action\":\"restart\",\"service\":\"bank\"}");
    await("the bank is back").atMost(Duration.ofSeconds(20)).until(() -> up(watcher, "bank"));

    act("{\"action\":\"server\",\"server\":\"kafka\",\"does\":\"pause\"}");
    act("{\"action\":\"server\",\"server\":\"kafka\",\"does\":\"resume\"}");
    act("{\"action\":\"server\",\"server\":\"postgres\",\"does\":\"stop-immediate\"}");
    await("the page sees PostgreSQL gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !latestSample(watcher).get("database").isNull());
    act("{\"action\":\"server\",\"server\":\"postgres\",\"does\":\"start\"}");
    await("the page sees PostgreSQL back")
        .atMost(Duration.ofSeconds(30))
        .until(() -> latestSample(watcher).get("database").isNull());
    assertThat(state().get("bands"))
        .as("every fault healed")
        .allSatisfy(band -> assertThat(band.get("to").isNull()).as(band.toString()).isFalse());
  }

  private static void act(String action) throws Exception {
    HttpResponse<String> answer = post("/api/session/actions", action);
    assertThat(answer.statusCode()).as("%s: %s", action, answer.body()).isEqualTo(200);
  }

  private static long refusedOrUnanswered(Watcher watcher) throws IOException {
    JsonNode sample = latestSample(watcher);
    return sample.get("refused").asLong() + sample.get("unknown").asLong();
  }

  private static JsonNode state() throws Exception {
    return JSON.readTree(get("/api/session").body());
  }

  private static boolean up(Watcher watcher, String service) throws IOException {
    JsonNode sample = latestSample(watcher);
    for (JsonNode s : sample.get("services")) {
      if (s.get("name").asText().equals(service)) {
        return s.get("up").asBoolean();
      }
    }
    throw new AssertionError("no service " + service + " in " + sample);
  }

  private static void refusesBadInput() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /api/session HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .as("a page that renamed its host to this address (DNS rebinding)")
          .startsWith("HTTP/1.1 403")
          .contains("evil.example");
    }
    assertError(
            post("/api/session/actions", "{\"action\":\"cut\",\"link\":\"bank->nowhere\"}"), 400)
        .contains("unknown link 'bank->nowhere'");
    assertError(post("/api/session/actions", "{\"action\":\"explode\"}"), 400)
        .contains("unknown action 'explode'");
    assertError(post("/api/session/actions", "{\"action\":\"kill\",\"service\":\"ghost\"}"), 400)
        .contains("ghost");
    assertError(
            post("/api/session/actions", "{\"action\":\"latency\",\"link\":\"bank->kafka\"}"), 400)
        .contains("millis");
    assertError(post("/api/session/actions", "{\"action\":\"cut\",\"lnk\":\"bank->kafka\"}"), 400)
        .contains("lnk");
    assertError(post("/api/session/actions", "not json"), 400).contains("not what");
    assertError(
            send("POST", "/api/session/actions", "{\"action\":\"heal-all\"}", "text/plain"), 400)
        .contains("application/json");
    assertError(post("/api/session/rate", "{\"rate\":100000}"), 400).contains("from 0 to");
    assertError(post("/api/session", "{\"variant\":\"outbox/polling\"}"), 409)
        .contains("one at a time");
    assertError(get("/api/nowhere"), 404).contains("no such API");
    assertError(send("PUT", "/api/session", "{}", "application/json"), 405).contains("PUT");
  }

  private static JsonNode latestSample(Watcher watcher) throws IOException {
    for (int i = watcher.frames.size() - 1; i >= 0; i--) {
      String frame = watcher.frames.get(i);
      if (frame.startsWith("event: sample")) {
        return JSON.readTree(frame.substring(frame.indexOf("data: ") + 6));
      }
    }
    return null;
  }

  /** A page's event stream, read line by line into whole frames. */
  private static final class Watcher implements AutoCloseable {
    final List<String> frames = new CopyOnWriteArrayList<>();
    private final InputStream stream;

    Watcher() throws IOException, InterruptedException {
      stream =
          HTTP.send(
                  HttpRequest.newBuilder(server.address().resolve("/api/events")).build(),
                  HttpResponse.BodyHandlers.ofInputStream())
              .body();
      Thread reader = new Thread(this::read, "test-events");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        StringBuilder frame = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            frames.add(frame.toString());
            frame.setLength(0);
          } else {
            frame.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertError(
      HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return assertThat(JSON.readTree(response.body()).get("error").asText());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return send("POST", path, body, "application/json");
  }

  private static HttpResponse<String> send(String method, String path, String body, String type)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.address() + path.substring(1)))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
