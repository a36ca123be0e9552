package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyEndpointsMatchToxiproxyTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void versionAnswersLikeToxiproxy212() throws Exception {
    assertThat(fixture.toxiproxy.version())
        .as("the version is Toxiproxy's, as the client reads it")
        .isEqualTo("{\"version\": \"2.12.0\"}");
    HttpResponse<String> raw = fixture.http("GET", "/version", null);
    assertThat(raw.body())
        .as("the body ends with a newline")
        .isEqualTo("{\"version\": \"2.12.0\"}\n");
  }

  @Test
  void createAnswers201WithTheRealPortAndEnabledByDefault() throws Exception {
    HttpResponse<String> created =
        fixture.http(
            "POST",
            "/proxies",
            "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}");

    assertThat(created.statusCode()).as("creation is 201").isEqualTo(201);
    assertThat(created.body())
        .as("the proxy shows its real port, enabled, with no toxics, fields in Toxiproxy's order")
        .matches(
            "\\{\"name\":\"db\",\"listen\":\"127\\.0\\.0\\.1:[1-9][0-9]*\",\"upstream\":\"127\\.0\\.0\\.1:1\","
                + "\"enabled\":true,\"toxics\":\\[\\]}");
  }

  @Test
  void proxiesAreListedByNameInOrder() throws Exception {
    try (Upstream upstream = Upstream.echo()) {
      fixture.proxy("zeta", upstream);
      fixture.proxy("alpha", upstream);
      fixture.proxy("mid", upstream);

      assertThat(fixture.toxiproxy.getProxies())
          .as("the client sees every proxy, sorted by name")
          .extracting(Proxy::getName)
          .containsExactly("alpha", "mid", "zeta");
      assertThat(fixture.http("GET", "/proxies", null).body())
          .as("the JSON object's keys are sorted by name")
          .startsWith("{\"alpha\":{\"name\":\"alpha\"");
    }
  }

  @Test
  void errorsCarryToxiproxysStatusAndMessage() throws Exception {
    fixture.toxiproxy.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

    assertThatThrownBy(() -> fixture.toxiproxy.createProxy("db", "127.0.0.1:0", "127.0.0.1:1"))
        .as("a second proxy of the same name is a conflict")
        .hasMessage("[409] proxy already exists");
    assertThatThrownBy(() -> fixture.toxiproxy.getProxy("nope"))
        .as("an unknown proxy is not found")
        .hasMessage("[404] proxy not found");

    HttpResponse<String> raw = fixture.http("GET", "/proxies/nope", null);
    assertThat(raw.body())
        .as("the error body is Toxiproxy's JSON plus a newline")
        .isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
    assertThat(raw.headers().firstValue("Content-Type"))
        .as("errors are sent as Go's http.Error sends them")
        .contains("text/plain; charset=utf-8");
  }

  @Test
  void badBodiesAndMissingFieldsAre400() throws Exception {
    assertThat(fixture.http("POST", "/proxies", "").body())
        .as("an empty body")
        .isEqualTo("{\"error\":\"bad request body: EOF\",\"status\":400}\n");
    assertThat(fixture.http("POST", "/proxies", "{\"name\":").body())
        .as("a truncated body")
        .isEqualTo("{\"error\":\"bad request body: unexpected EOF\",\"status\":400}\n");
    assertThat(fixture.http("POST", "/proxies", "{\"name\":\"x\",\"enabled\":\"yes\"}").body())
        .as("a field of the wrong type")
        .startsWith("{\"error\":\"bad request body: json: cannot unmarshal string");
    assertThat(fixture.http("POST", "/proxies", "{\"upstream\":\"127.0.0.1:1\"}").body())
        .as("no name")
        .isEqualTo("{\"error\":\"missing required field: name\",\"status\":400}\n");
    assertThat(fixture.http("POST", "/proxies", "{\"name\":\"x\"}").body())
        .as("no upstream")
        .isEqualTo("{\"error\":\"missing required field: upstream\",\"status\":400}\n");
  }

  @Test
  void aTakenPortIs500WithTheBindError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      assertThatThrownBy(() -> fixture.toxiproxy.createProxy("db", listen, "127.0.0.1:1"))
          .as("the bind error is passed on as Go words it")
          .hasMessage("[500] listen tcp " + listen + ": bind: address already in use");
      assertThat(fixture.toxiproxy.getProxyOrNull("db"))
          .as("a proxy that cannot listen is not kept")
          .isNull();
    }
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() throws Exception {
    HttpResponse<String> unknown = fixture.http("GET", "/nothing/here", null);
    assertThat(unknown.statusCode()).as("an unknown route").isEqualTo(404);
    assertThat(unknown.body()).as("Go's not-found text").isEqualTo("404 page not found\n");
    assertThat(fixture.http("GET", "/proxies/", null).statusCode())
        .as("a trailing slash is another route")
        .isEqualTo(404);
    assertThat(fixture.http("PUT", "/proxies", "{}").statusCode())
        .as("a known route with a wrong method")
        .isEqualTo(405);
    assertThat(fixture.http("DELETE", "/version", null).statusCode())
        .as("version is GET only")
        .isEqualTo(405);
  }

  @Test
  void browsersAreRefusedAsToxiproxyRefusesThem() throws Exception {
    HttpRequest fromBrowser =
        HttpRequest.newBuilder(URI.create(fixture.server.controlUrl() + "/proxies"))
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
            .build();
    HttpResponse<String> refused =
        HttpClient.newHttpClient().send(fromBrowser, HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).as("a browser's user agent is forbidden").isEqualTo(403);
    assertThat(refused.body()).as("with Toxiproxy's text").isEqualTo("User agent not allowed\n");
  }

  @Test
  void stringsAreEscapedAsGoEscapesThem() throws Exception {
    fixture.http(
        "POST",
        "/proxies",
        "{\"name\":\"a<b>&c\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\",\"enabled\":false}");

    assertThat(fixture.http("GET", "/proxies", null).body())
        .as("HTML characters are written as \\u escapes, as Go's encoding/json writes them")
        .startsWith("{\"a\\u003cb\\u003e\\u0026c\":");
  }

  @Test
  void updateChangesUpstreamAndPostOrPatchBothWork() throws Exception {
    try (Upstream first = Upstream.echo();
        Upstream second = Upstream.echo()) {
      Proxy proxy = fixture.proxy("db", first);
      String listen = proxy.getListen();

      proxy.setUpstream(second.address());
      assertThat(proxy.getUpstream()).as("POST changed the upstream").isEqualTo(second.address());
      try (TestClient client = fixture.connect(fixture.toxiproxy.getProxy("db"))) {
        client.roundTripMillis(new byte[] {1});
      }
      assertThat(second.accepted()).as("new connections go to the new upstream").hasSize(1);

      HttpResponse<String> patched =
          fixture.http("PATCH", "/proxies/db", "{\"upstream\":\"" + first.address() + "\"}");
      assertThat(patched.statusCode()).as("PATCH is an update too").isEqualTo(200);
      assertThat(fixture.toxiproxy.getProxy("db").getUpstream())
          .as("PATCH changed the upstream back")
          .isEqualTo(first.address());
      assertThat(fixture.toxiproxy.getProxy("db").getListen())
          .as("the listen address did not change")
          .isEqualTo(listen);
    }
  }

  @Test
  void deleteAnswers204AndStopsListening() throws Exception {
    try (Upstream upstream = Upstream.echo()) {
      Proxy proxy = fixture.proxy("db", upstream);
      int port = Fixture.port(proxy.getListen());

      assertThat(fixture.http("DELETE", "/proxies/db", null).statusCode())
          .as("delete is 204")
          .isEqualTo(204);
      assertThat(fixture.http("DELETE", "/proxies/db", null).statusCode())
          .as("deleting again is 404")
          .isEqualTo(404);
      assertThatThrownBy(() -> new TestClient(port))
          .as("the listener is gone")
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aDisabledProxyCreatedAsSuchHasNoListener() throws Exception {
    HttpResponse<String> created =
        fixture.http(
            "POST",
            "/proxies",
            "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false}");

    assertThat(created.body())
        .as("a disabled proxy keeps the listen address it was given")
        .contains("\"listen\":\"127.0.0.1:0\"", "\"enabled\":false");
  }

  @Test
  void theUpstreamIsDialledOnlyWhenAClientConnects() throws IOException {
    try (Upstream upstream = Upstream.echo()) {
      Proxy proxy = fixture.proxy("db", upstream);
      assertThat(upstream.accepted()).as("creating a proxy dials nothing").isEmpty();
      try (TestClient client = fixture.connect(proxy)) {
        client.roundTripMillis(new byte[] {7});
      }
      assertThat(upstream.accepted()).as("a client's connection dials the upstream").hasSize(1);
    }
  }
}
