package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PopulateReplacesOnlyWhatChangedTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void populateCreatesEveryProxyWith201() throws Exception {
    HttpResponse<String> response =
        fixture.http(
            "POST",
            "/populate",
            "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\",\"enabled\":false}]");

    assertThat(response.statusCode()).as("populate is 201").isEqualTo(201);
    assertThat(response.body())
        .as("the answer lists the proxies, enabled by default")
        .startsWith("{\"proxies\":[{\"name\":\"a\"")
        .contains("\"enabled\":true", "\"enabled\":false");
    assertThat(fixture.toxiproxy.getProxies()).as("both exist").hasSize(2);
  }

  @Test
  void anUnchangedProxyIsLeftAloneAndAChangedOneReplaced() throws Exception {
    String listenA = fixture.toxiproxy.createProxy("a", "127.0.0.1:0", "127.0.0.1:1").getListen();
    String listenB = fixture.toxiproxy.createProxy("b", "127.0.0.1:0", "127.0.0.1:2").getListen();
    fixture.toxiproxy.getProxy("a").toxics().latency("kept", ToxicDirection.DOWNSTREAM, 5);
    fixture.toxiproxy.getProxy("b").toxics().latency("lost", ToxicDirection.DOWNSTREAM, 5);

    HttpResponse<String> response =
        fixture.http(
            "POST",
            "/populate",
            "[{\"name\":\"a\",\"listen\":\""
                + listenA
                + "\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"b\",\"listen\":\""
                + listenB
                + "\",\"upstream\":\"127.0.0.1:3\"}]");

    assertThat(response.statusCode()).as("populate is 201").isEqualTo(201);
    assertThat(fixture.toxiproxy.getProxy("a").toxics().getAll())
        .as("the same name, listen and upstream: left alone, toxics kept")
        .hasSize(1);
    assertThat(fixture.toxiproxy.getProxy("b").getUpstream())
        .as("a different upstream: replaced")
        .isEqualTo("127.0.0.1:3");
    assertThat(fixture.toxiproxy.getProxy("b").toxics().getAll())
        .as("the replaced proxy lost its toxics")
        .isEmpty();
  }

  @Test
  void errorsCarryTheProxiesField() throws Exception {
    HttpResponse<String> missing =
        fixture.http(
            "POST",
            "/populate",
            "[{\"name\":\"a\",\"upstream\":\"127.0.0.1:1\"},{\"name\":\"b\"}]");
    assertThat(missing.statusCode()).as("a missing field is 400").isEqualTo(400);
    assertThat(missing.body())
        .as("the error names the proxy, and the proxies field is there")
        .isEqualTo(
            "{\"error\":\"missing required field: upstream at proxy 2\",\"status\":400,\"proxies\":null}");
    assertThat(fixture.toxiproxy.getProxies()).as("nothing was created").isEmpty();

    assertThat(fixture.http("POST", "/populate", "{}").body())
        .as("an object is not a list")
        .startsWith("{\"error\":\"bad request body: json: cannot unmarshal object");
  }
}
