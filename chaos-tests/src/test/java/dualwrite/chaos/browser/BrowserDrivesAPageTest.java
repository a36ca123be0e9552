package dualwrite.chaos.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The proof that {@link Browser} drives a live page: a page served on 127.0.0.1 whose button
 * fetches a greeting and which writes what a server-sent event stream says; the test clicks, waits
 * for both texts and takes a screenshot ({@code target/browser/proof.png}, for a person to look
 * at).
 */
class BrowserDrivesAPageTest {

  private static final String PAGE =
      """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>Browser proof</title></head>
      <body style="font: 20px sans-serif; margin: 40px">
        <h1>Browser proof</h1>
        <button id="greet">Greet</button>
        <p>greeting: <span id="greeting">none yet</span></p>
        <p>events: <span id="events"></span> <span id="stream">open</span></p>
        <script>
          document.getElementById('greet').addEventListener('click', async () => {
            const response = await fetch('/greeting');
            document.getElementById('greeting').textContent = await response.text();
          });
          const source = new EventSource('/events');
          source.onmessage = event => {
            const events = document.getElementById('events');
            events.textContent = (events.textContent + ' ' + event.data).trim();
          };
          // the stream ends after its events; closing here stops EventSource reconnecting
          source.addEventListener('end', () => {
            source.close();
            document.getElementById('stream').textContent = '(closed)';
          });
        </script>
      </body></html>
      """;

  private static HttpServer server;
  private static ExecutorService handlers;
  private static String base;

  /**
   * Each test, not the class, skips: Surefire counts a class that aborts in {@code @BeforeAll} as
   * no test at all, and the reason is lost. In CI, .ci/run installs chromium and chromium-driver,
   * so this never skips there.
   */
  @BeforeEach
  void needsABrowser() {
    Browser.requireOrSkip();
  }

  @BeforeAll
  static void serveThePage() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newFixedThreadPool(4);
    server.setExecutor(handlers);
    server.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 200, "text/html; charset=utf-8", PAGE);
          } else {
            respond(exchange, 404, "text/plain", "not found");
          }
        });
    server.createContext(
        "/greeting", exchange -> respond(exchange, 200, "text/plain", "hello from the lab"));
    server.createContext("/events", BrowserDrivesAPageTest::streamEvents);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServing() {
    if (server != null) {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void clicksWaitsForTextAndServerSentEventsAndTakesAScreenshot() throws IOException {
    long started = System.nanoTime();
    Path png = Path.of("target", "browser", "proof.png");
    Files.deleteIfExists(png);

    try (Browser browser = Browser.open()) {
      browser.driver().get(base + "/");
      browser.driver().findElement(By.id("greet")).click();

      assertThat(browser.awaitText(By.id("greeting"), "hello")).isEqualTo("hello from the lab");
      assertThat(browser.awaitText(By.id("events"), "gamma")).isEqualTo("alpha beta gamma");
      browser.awaitText(By.id("stream"), "(closed)");
      browser.screenshot(png);

      System.out.printf(
          "browser started in %d ms, whole test %d ms%n",
          browser.startup().toMillis(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    assertThat(png).exists();
    assertThat(Files.size(png)).isPositive();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  /** Three events and an end, each flushed on its own, then the stream closes. */
  private static void streamEvents(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String event :
          new String[] {"data: alpha", "data: beta", "data: gamma", "event: end\ndata: end"}) {
        out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
