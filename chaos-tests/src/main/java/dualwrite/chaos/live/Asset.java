package dualwrite.chaos.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A file of the live lab's page (its HTML, script, style, and the chart library), served from the
 * classpath.
 *
 * @param resource where the file is on the classpath
 * @param type its {@code Content-Type}
 */
record Asset(String resource, String type) {

  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** The page's files, by the path the browser asks for. */
  static final Map<String, Asset> BY_PATH =
      Map.of(
          "/", new Asset("dualwrite/chaos/live/index.html", "text/html; charset=utf-8"),
          "/live.js", new Asset("dualwrite/chaos/live/live.js", "text/javascript; charset=utf-8"),
          "/live.css", new Asset("dualwrite/chaos/live/live.css", "text/css; charset=utf-8"),
          "/vendor/uplot.js",
              new Asset(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
          "/vendor/uplot.css", new Asset(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));

  /** Answers with the file (500 when the build left it out). */
  void serve(HttpExchange exchange) throws IOException {
    try (InputStream in = LiveServer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        LiveServer.send(exchange, 500, Map.of("error", "missing from the build: " + resource));
        return;
      }
      byte[] bytes = in.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }
}
