package dualwrite.faultproxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fault proxy server in this JVM: the Toxiproxy HTTP control API on one port, and the proxies it
 * creates. Drive it with any Toxiproxy client (toxiproxy-java, curl, the toxiproxy CLI) at {@link
 * #controlUrl()}; the real Toxiproxy server can take its place without changing a line.
 *
 * <pre>{@code
 * try (FaultProxyServer server = FaultProxyServer.start("127.0.0.1", 0)) {
 *   ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
 *   Proxy postgres = client.createProxy("postgres", "127.0.0.1:0", "127.0.0.1:5432");
 *   postgres.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 200);
 * }
 * }</pre>
 *
 * <p>Every thread it starts is a daemon named {@code fault-proxy-...}; {@link #close()} stops them.
 */
public final class FaultProxyServer implements AutoCloseable {
  private final String host;
  private final HttpServer http;
  private final ExecutorService executor;
  private final ProxyCollection proxies;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FaultProxyServer(
      String host, HttpServer http, ExecutorService executor, ProxyCollection proxies) {
    this.host = host;
    this.http = http;
    this.executor = executor;
    this.proxies = proxies;
  }

  /**
   * Starts the control API on {@code host:port}.
   *
   * @param host the address to listen on, such as {@code 127.0.0.1}
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @throws UncheckedIOException if it cannot listen there, for instance because the port is taken
   */
  public static FaultProxyServer start(String host, int port) {
    // The JDK's server sends headers and body in two writes; with Nagle on, clients that delay
    // their ACKs would wait 40 ms for each answer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    ProxyCollection proxies = new ProxyCollection();
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "fault-proxy-api-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    http.createContext("/", new ControlApi(proxies));
    http.setExecutor(executor);
    startAsDaemon(http);
    return new FaultProxyServer(host, http, executor, proxies);
  }

  /**
   * The JDK's server thread inherits daemon status from the thread that starts it: started from a
   * daemon, it never keeps the JVM alive.
   */
  private static void startAsDaemon(HttpServer http) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                http.start();
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "fault-proxy-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      http.stop(0);
      throw new IllegalStateException("interrupted while starting", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** The host the control API listens on, as given to {@link #start}. */
  public String host() {
    return host;
  }

  /** The port the control API listens on (the real one when 0 was asked for). */
  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * How many connections of proxy {@code name} a reset_peer has begun to reset (its first chunk
   * dropped, its close due): what the API does not show, for this package's tests.
   */
  int resetsUnderWay(String name) throws ApiError {
    return proxies.get(name).resetsUnderWay();
  }

  /** The control API's base URL, such as {@code http://127.0.0.1:8474}. */
  public String controlUrl() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port();
  }

  /**
   * Stops the control API, every proxy's listener and every connection. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    executor.shutdownNow();
    proxies.control().lock();
    try {
      proxies.closeAll();
    } finally {
      proxies.control().unlock();
    }
  }

  /**
   * Creates proxies as {@code POST /populate} does; for the standalone server's config file.
   *
   * @throws ApiError if the file is malformed or a proxy cannot be created
   */
  void populate(byte[] json) throws ApiError {
    proxies.control().lock();
    try {
      ProxyCollection.PopulateResult result = ControlApi.populate(proxies, json);
      if (result.error() != null) {
        throw result.error();
      }
    } finally {
      proxies.control().unlock();
    }
  }
}
