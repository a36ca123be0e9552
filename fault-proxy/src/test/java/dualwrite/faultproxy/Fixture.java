package dualwrite.faultproxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One fault proxy server for one test, the toxiproxy-java client that drives it, and the upstreams
 * and clients the test opened, all closed together.
 */
final class Fixture implements AutoCloseable {
  final FaultProxyServer server = FaultProxyServer.start("127.0.0.1", 0);
  final ToxiproxyClient toxiproxy = new ToxiproxyClient(server.host(), server.port());
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  Upstream echo() throws IOException {
    return keep(Upstream.echo());
  }

  Upstream upstream(Upstream.Handler handler) throws IOException {
    return keep(Upstream.start(handler));
  }

  /** A proxy on a free loopback port in front of {@code upstream}. */
  Proxy proxy(String name, Upstream upstream) throws IOException {
    return toxiproxy.createProxy(name, "127.0.0.1:0", upstream.address());
  }

  TestClient connect(Proxy proxy) throws IOException {
    return keep(new TestClient(port(proxy.getListen())));
  }

  static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** A raw HTTP call, for what toxiproxy-java hides: error bodies, 404, 405, populate. */
  HttpResponse<String> http(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.controlUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The names of this JVM's live threads that start with {@code prefix}. */
  static Set<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
    server.close();
  }
}
