package dualwrite.chaos.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live lab's web server: the page and its JSON API (docs/live-lab.md), on the JDK's own HTTP
 * server. It answers on one address, 127.0.0.1 unless told otherwise; changes come only as JSON
 * (which a page of another site cannot send without asking first), and a bad request gets a 4xx
 * with a message while the session goes on.
 */
public final class LiveServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveServer.class);
  private static final int MAX_BODY = 64 * 1024;

  /** How often an idle stream is written to: a closed page is noticed at the next write. */
  private static final long KEEP_ALIVE_MILLIS = 5_000;

  private static final ObjectMapper REQUESTS =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final LiveLab lab;
  private final Options options;
  private final HttpServer server;
  private final ExecutorService threads;
  private final String listensOn;

  private LiveServer(
      LiveLab lab, Options options, HttpServer server, ExecutorService threads, String host) {
    this.lab = lab;
    this.listensOn = host;
    this.options = options;
    this.server = server;
    this.threads = threads;
  }

  /**
   * Listens on the address and port (0 for any free one).
   *
   * @throws java.net.BindException when the port is taken
   */
  public static LiveServer start(LiveLab lab, Options options, String host, int port)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "live-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    LiveServer live = new LiveServer(lab, options, server, threads, host);
    server.createContext("/", live::handle);
    server.start();
    return live;
  }

  /** Where the page is, such as {@code http://127.0.0.1:7070/}. */
  public URI address() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try (exchange) {
      String host = exchange.getRequestHeaders().getFirst("Host");
      if (!answersTo(host)) {
        // a page of another site that renamed its host to this address (DNS rebinding) gets nothing
        send(exchange, 403, Map.of("error", "this server does not answer to the host " + host));
      } else if (path.equals("/api/events") && method.equals("GET")) {
        events(exchange);
      } else if (path.startsWith("/api/")) {
        api(exchange, method, path);
      } else if (Asset.BY_PATH.containsKey(path) && method.equals("GET")) {
        Asset.BY_PATH.get(path).serve(exchange);
      } else {
        send(exchange, 404, Map.of("error", "no such page: " + path));
      }
    } catch (IOException e) {
      // the browser went away mid-answer: nothing to tell it
      log.debug("{} {}: {}", method, path, e.toString());
    }
  }

  /**
   * Whether the Host header names this server: an address (a page at an address is of that origin),
   * localhost, the name it was told to listen on, or this machine's name. A page of another site
   * that points its own name at this address (DNS rebinding) sends that name.
   */
  private boolean answersTo(String host) {
    if (host == null) {
      return false;
    }
    String name = host.replaceFirst(":\\d+$", "");
    return name.startsWith("[")
        || name.matches("[0-9.]+")
        || name.equalsIgnoreCase("localhost")
        || name.equalsIgnoreCase(listensOn)
        || name.equalsIgnoreCase(machineName());
  }

  private static String machineName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private void api(HttpExchange exchange, String method, String path) throws IOException {
    try {
      Object answer = route(exchange, method, path);
      send(exchange, method.equals("POST") && path.equals("/api/session") ? 201 : 200, answer);
    } catch (Conflict e) {
      send(exchange, 409, Map.of("error", e.getMessage()));
    } catch (NotFound e) {
      if (e.status == 405) {
        exchange.getResponseHeaders().set("Allow", allowed(path));
      }
      send(exchange, e.status, Map.of("error", e.getMessage()));
    } catch (JsonProcessingException e) {
      send(exchange, 400, Map.of("error", "the body is not what " + path + " takes: " + brief(e)));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      send(exchange, 400, Map.of("error", e.getMessage()));
    } catch (RuntimeException e) {
      log.warn("{} {} failed", method, path, e);
      send(exchange, 500, Map.of("error", e.toString()));
    }
  }

  private Object route(HttpExchange exchange, String method, String path) throws IOException {
    String call = method + " " + path;
    return switch (call) {
      case "GET /api/options" -> options;
      case "GET /api/session" -> lab.state();
      case "POST /api/session" -> {
        StartRequest start = body(exchange, StartRequest.class);
        yield lab.start(
            start.variant(),
            start.consumer(),
            start.rate() == null ? Options.DEFAULT_RATE : start.rate());
      }
      case "DELETE /api/session" -> lab.stop();
      case "POST /api/session/rate" -> {
        RateRequest rate = body(exchange, RateRequest.class);
        if (rate.rate() == null) {
          throw new IllegalArgumentException("\"rate\" is missing");
        }
        yield lab.rate(rate.rate());
      }
      case "POST /api/session/actions" -> lab.act(body(exchange, LiveAction.class));
      case "POST /api/session/check" -> lab.check();
      default ->
          throw new NotFound(
              knownPath(path) ? 405 : 404,
              knownPath(path)
                  ? path + " does not take " + method
                  : "no such API: " + path + " (see docs/live-lab.md)");
    };
  }

  /** The methods a path of the API takes, or null for a path it does not have. */
  private static String allowed(String path) {
    return switch (path) {
      case "/api/session" -> "GET, POST, DELETE";
      case "/api/options", "/api/events" -> "GET";
      case "/api/session/rate", "/api/session/actions", "/api/session/check" -> "POST";
      default -> null;
    };
  }

  private static boolean knownPath(String path) {
    return allowed(path) != null;
  }

  private <T> T body(HttpExchange exchange, Class<T> type) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      // a form of another site can post text without asking; JSON it must ask for first
      throw new IllegalArgumentException("send the body as JSON (Content-Type: application/json)");
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new IllegalArgumentException("the body is larger than " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the body is empty: send a JSON object");
    }
    return REQUESTS.readValue(bytes, type);
  }

  private void events(HttpExchange exchange) throws IOException {
    PageWatch watch;
    try {
      watch = lab.watch();
    } catch (IllegalStateException e) {
      send(exchange, 503, Map.of("error", e.getMessage()));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (watch;
        OutputStream out = exchange.getResponseBody()) {
      out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!watch.dropped()) {
        ServerSentEvent event = watch.next(KEEP_ALIVE_MILLIS);
        String frame = event == null ? ": keep-alive\n\n" : event.frame();
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Broadcast.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String brief(JsonProcessingException e) {
    return e.getOriginalMessage();
  }

  private static final class NotFound extends RuntimeException {
    private final int status;

    NotFound(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
