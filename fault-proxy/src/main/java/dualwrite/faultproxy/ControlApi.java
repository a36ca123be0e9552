package dualwrite.faultproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Toxiproxy's HTTP control API, route for route: the same paths, methods, status codes, bodies and
 * error texts, so that toxiproxy-java, curl scripts and the toxiproxy CLI cannot tell the
 * difference.
 */
final class ControlApi implements HttpHandler {
  /** The Toxiproxy version whose API this one speaks. */
  static final String TOXIPROXY_VERSION = "2.12.0";

  private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final ProxyCollection proxies;

  ControlApi(ProxyCollection proxies) {
    this.proxies = proxies;
  }

  /** An HTTP answer: status, content type and body (empty for none). */
  private record Response(int status, String contentType, byte[] body) {
    static Response json(int status, byte[] body) {
      return new Response(status, JSON, body);
    }

    static Response text(int status, String text) {
      return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's http.Error: the JSON error as plain text, with a newline. */
    static Response error(ApiError error) {
      byte[] json = ResponseJson.error(error);
      byte[] body = new byte[json.length + 1];
      System.arraycopy(json, 0, body, 0, json.length);
      body[json.length] = '\n';
      return new Response(error.status(), TEXT, body);
    }

    static Response empty(int status) {
      return new Response(status, null, new byte[0]);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Response response;
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      response = route(method, path, exchange.getRequestHeaders().getFirst("User-Agent"), body);
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", method, path, e);
      response = Response.error(ApiError.internal(String.valueOf(e.getMessage())));
    }
    try {
      send(exchange, response);
    } finally {
      exchange.close();
      LOG.debug(
          "{} {} {} {} ms",
          method,
          path,
          response.status(),
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    if (response.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    if (TEXT.equals(response.contentType())) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    }
    exchange.getResponseHeaders().set("X-Toxiproxy-Request-Id", requestId());
    int length = response.body().length;
    exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
    if (length > 0) {
      exchange.getResponseBody().write(response.body());
    }
  }

  /** Like gorilla/mux: no such path is 404, a path without this method is 405. */
  private Response route(String method, String path, String userAgent, byte[] body) {
    List<String> segments = segments(path);
    Set<String> allowed = allowedMethods(segments);
    if (allowed.isEmpty()) {
      return Response.text(404, "404 page not found\n");
    }
    if (!allowed.contains(method)) {
      return Response.empty(405);
    }
    // Toxiproxy refuses browsers, so that a web page cannot drive it behind the user's back.
    if (userAgent != null && userAgent.startsWith("Mozilla/")) {
      return Response.text(403, "User agent not allowed\n");
    }
    proxies.control().lock();
    try {
      return call(method, segments, body);
    } catch (ApiError e) {
      return Response.error(e);
    } finally {
      proxies.control().unlock();
    }
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    if (path == null || !path.startsWith("/")) {
      return segments;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      segments.add(segment);
    }
    return segments;
  }

  private static Set<String> allowedMethods(List<String> s) {
    if (s.stream().anyMatch(String::isEmpty)) {
      return Set.of();
    }
    String first = s.isEmpty() ? "" : s.get(0);
    switch (s.size()) {
      case 1:
        return switch (first) {
          case "reset", "populate" -> Set.of("POST");
          case "proxies" -> Set.of("GET", "POST");
          case "version" -> Set.of("GET");
          default -> Set.of();
        };
      case 2:
        return first.equals("proxies") ? Set.of("GET", "POST", "PATCH", "DELETE") : Set.of();
      case 3:
        return first.equals("proxies") && s.get(2).equals("toxics")
            ? Set.of("GET", "POST")
            : Set.of();
      case 4:
        return first.equals("proxies") && s.get(2).equals("toxics")
            ? Set.of("GET", "POST", "PATCH", "DELETE")
            : Set.of();
      default:
        return Set.of();
    }
  }

  private Response call(String method, List<String> s, byte[] body) throws ApiError {
    String first = s.get(0);
    if (s.size() == 1) {
      return switch (first) {
        case "version" -> new Response(200, JSON + ";charset=utf-8", versionBody());
        case "reset" -> reset();
        case "populate" -> populate(body);
        default -> method.equals("GET") ? proxyIndex() : createProxy(body);
      };
    }
    Proxy proxy = proxies.get(s.get(1));
    if (s.size() == 2) {
      return switch (method) {
        case "GET" -> Response.json(200, ResponseJson.proxy(proxy));
        case "DELETE" -> deleteProxy(proxy);
        default -> updateProxy(proxy, body);
      };
    }
    if (s.size() == 3) {
      return method.equals("GET")
          ? Response.json(200, ResponseJson.toxics(proxy.toxics()))
          : createToxic(proxy, body);
    }
    Toxic toxic = proxy.toxic(s.get(3)).orElseThrow(ApiError::toxicNotFound);
    return switch (method) {
      case "GET" -> Response.json(200, ResponseJson.toxic(toxic));
      case "DELETE" -> deleteToxic(proxy, toxic);
      default -> updateToxic(proxy, toxic, body);
    };
  }

  private static byte[] versionBody() {
    return ("{\"version\": \"" + TOXIPROXY_VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8);
  }

  private Response proxyIndex() {
    return Response.json(200, ResponseJson.proxyIndex(proxies.all()));
  }

  private Response reset() throws ApiError {
    proxies.reset();
    return Response.empty(204);
  }

  private Response createProxy(byte[] body) throws ApiError {
    ProxyConfig config = proxyConfig(RequestJson.object(body, "Proxy"));
    requireFields(config, "");
    Proxy proxy = proxies.create(config);
    return Response.json(201, ResponseJson.proxy(proxy));
  }

  /** Reads a proxy as given; {@code enabled} defaults to true. */
  private static ProxyConfig proxyConfig(RequestJson json) throws ApiError {
    return new ProxyConfig(
        json.string("name", ""),
        json.string("listen", ""),
        json.string("upstream", ""),
        json.bool("enabled", true));
  }

  /** Name and upstream are required; {@code where} locates the proxy in a populate. */
  private static void requireFields(ProxyConfig config, String where) throws ApiError {
    if (config.name().isEmpty()) {
      throw ApiError.missingField("name" + where);
    }
    if (config.upstream().isEmpty()) {
      throw ApiError.missingField("upstream" + where);
    }
  }

  private Response populate(byte[] body) {
    ProxyCollection.PopulateResult result;
    try {
      result = populate(proxies, body);
    } catch (ApiError e) {
      return Response.json(e.status(), ResponseJson.populate(List.of(), e));
    }
    int status = result.error() == null ? 201 : result.error().status();
    return Response.json(status, ResponseJson.populate(result.proxies(), result.error()));
  }

  /**
   * Reads and checks a whole populate body, then applies it; the caller holds the control lock.
   *
   * @throws ApiError when the body is malformed or a proxy lacks a required field; nothing changed
   */
  static ProxyCollection.PopulateResult populate(ProxyCollection proxies, byte[] body)
      throws ApiError {
    List<ProxyConfig> configs = new ArrayList<>();
    for (JsonNode element : RequestJson.array(body, "[]toxiproxy.Proxy")) {
      configs.add(proxyConfig(RequestJson.element(element, "Proxy")));
    }
    for (int i = 0; i < configs.size(); i++) {
      requireFields(configs.get(i), " at proxy " + (i + 1));
    }
    return proxies.populate(configs);
  }

  private Response updateProxy(Proxy proxy, byte[] body) throws ApiError {
    RequestJson json = RequestJson.object(body, "Proxy");
    proxy.update(
        json.string("listen", proxy.listen()),
        json.string("upstream", proxy.upstream()),
        json.bool("enabled", proxy.enabled()));
    return Response.json(200, ResponseJson.proxy(proxy));
  }

  private Response deleteProxy(Proxy proxy) throws ApiError {
    proxies.delete(proxy.name());
    return Response.empty(204);
  }

  /** Toxiproxy's order of checks: body, stream, default name, type, duplicate, attributes. */
  private Response createToxic(Proxy proxy, byte[] body) throws ApiError {
    RequestJson json = RequestJson.object(body, "ToxicWrapper");
    String name = json.string("name", "");
    String typeName = json.string("type", "");
    String stream = json.string("stream", "downstream");
    float toxicity = json.float32("toxicity", 1.0f);
    json.attributes(List.of(), "NoopToxic"); // the type is not known yet: only the shape counts
    Direction direction = Direction.parse(stream).orElseThrow(ApiError::invalidStream);
    if (name.isEmpty()) {
      name = typeName + "_" + stream;
    }
    ToxicType defaults = ToxicType.withDefaults(typeName).orElseThrow(ApiError::invalidToxicType);
    if (proxy.toxic(name).isPresent()) {
      throw ApiError.toxicAlreadyExists();
    }
    Map<String, Long> attributes =
        json.attributes(defaults.attributes().keySet(), structName(defaults));
    Toxic toxic = new Toxic(name, defaults.with(attributes), stream, direction, toxicity);
    proxy.addToxic(toxic);
    return Response.json(200, ResponseJson.toxic(toxic));
  }

  /** Attributes are merged into the toxic's; toxicity may change; name, type and stream stay. */
  private Response updateToxic(Proxy proxy, Toxic toxic, byte[] body) throws ApiError {
    RequestJson json = RequestJson.object(body, "ToxicWrapper");
    Map<String, Long> attributes =
        json.attributes(toxic.type().attributes().keySet(), structName(toxic.type()));
    float toxicity = json.float32("toxicity", toxic.toxicity());
    Toxic changed = toxic.withChanges(toxic.type().with(attributes), toxicity);
    proxy.replaceToxic(changed);
    return Response.json(200, ResponseJson.toxic(changed));
  }

  private Response deleteToxic(Proxy proxy, Toxic toxic) {
    proxy.removeToxic(toxic);
    return Response.empty(204);
  }

  /** The Go struct name Toxiproxy's decode errors mention, such as {@code LatencyToxic}. */
  private static String structName(ToxicType type) {
    StringBuilder name = new StringBuilder();
    for (String part : type.typeName().split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.append("Toxic").toString();
  }

  /** Go's request ids are 20 base32 characters; these only need to look and act the same. */
  private static String requestId() {
    String alphabet = "0123456789abcdefghijklmnopqrstuv";
    StringBuilder id = new StringBuilder(20);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 20; i++) {
      id.append(alphabet.charAt(random.nextInt(32)));
    }
    return id.toString();
  }
}
