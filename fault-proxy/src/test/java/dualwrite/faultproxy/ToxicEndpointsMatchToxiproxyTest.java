package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToxicEndpointsMatchToxiproxyTest {
  private final Fixture fixture = new Fixture();
  private Proxy proxy;

  @BeforeEach
  void createProxy() throws Exception {
    proxy = fixture.toxiproxy.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aToxicWithOnlyATypeGetsToxiproxysDefaults() throws Exception {
    HttpResponse<String> created =
        fixture.http(
            "POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"x\":1}}");

    assertThat(created.statusCode()).as("adding a toxic is 200, not 201").isEqualTo(200);
    assertThat(created.body())
        .as(
            "name <type>_<stream>, stream downstream, toxicity 1, missing attributes 0, unknown ignored")
        .isEqualTo(
            "{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
  }

  @Test
  void theClientCreatesEverySevenTypes() throws Exception {
    proxy.toxics().latency("l", ToxicDirection.DOWNSTREAM, 10).setJitter(2);
    proxy.toxics().bandwidth("b", ToxicDirection.UPSTREAM, 100);
    proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 5);
    proxy.toxics().timeout("t", ToxicDirection.UPSTREAM, 0);
    proxy.toxics().resetPeer("r", ToxicDirection.DOWNSTREAM, 3);
    proxy.toxics().slicer("s", ToxicDirection.DOWNSTREAM, 8, 20).setSizeVariation(2);
    proxy.toxics().limitData("ld", ToxicDirection.UPSTREAM, 99);

    assertThat(proxy.toxics().getAll())
        .as("every toxic is listed, upstream ones first, each in the order added")
        .extracting(Toxic::getName)
        .containsExactly("b", "t", "ld", "l", "sc", "r", "s");
    assertThat(proxy.toxics().get("l", Latency.class).getJitter())
        .as("an attribute set after creation")
        .isEqualTo(2);
    Slicer slicer = proxy.toxics().get("s", Slicer.class);
    assertThat(new long[] {slicer.getAverageSize(), slicer.getSizeVariation(), slicer.getDelay()})
        .as("the slicer reports size_variation along with its other attributes")
        .containsExactly(8, 2, 20);
  }

  @Test
  void anUpdateMergesAttributesAndMayChangeToxicityOnly() throws Exception {
    Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 100);
    latency.setJitter(5);

    HttpResponse<String> updated =
        fixture.http(
            "PATCH",
            "/proxies/db/toxics/slow",
            "{\"toxicity\":0.5,\"name\":\"other\",\"type\":\"bandwidth\",\"stream\":\"downstream\"}");

    assertThat(updated.body())
        .as("attributes kept and merged; toxicity changed; name, type and stream unchanged")
        .isEqualTo(
            "{\"attributes\":{\"latency\":100,\"jitter\":5},\"name\":\"slow\",\"type\":\"latency\","
                + "\"stream\":\"upstream\",\"toxicity\":0.5}");
    latency.setToxicity(0.25f);
    assertThat(proxy.toxics().get("slow").getToxicity())
        .as("the client's setToxicity")
        .isEqualTo(0.25f);
  }

  @Test
  void toxicErrorsAreToxiproxys() throws Exception {
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);

    assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 1))
        .as("a name is unique across both directions")
        .hasMessage("[409] toxic already exists");
    assertThatThrownBy(() -> proxy.toxics().get("missing"))
        .as("an unknown toxic")
        .hasMessage("[404] toxic not found");
    assertThat(fixture.http("POST", "/proxies/db/toxics", "{\"type\":\"earthquake\"}").body())
        .as("an unknown type")
        .isEqualTo("{\"error\":\"invalid toxic type\",\"status\":400}\n");
    assertThat(
            fixture
                .http(
                    "POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}")
                .body())
        .as("an unknown stream")
        .isEqualTo(
            "{\"error\":\"stream was invalid, can be either upstream or downstream\",\"status\":400}\n");
    assertThat(fixture.http("POST", "/proxies/db/toxics", "{\"type\":").body())
        .as("a broken body")
        .startsWith("{\"error\":\"bad request body: ");
    assertThat(
            fixture
                .http(
                    "POST",
                    "/proxies/db/toxics",
                    "{\"type\":\"latency\",\"name\":\"x\",\"attributes\":{\"latency\":\"1s\"}}")
                .statusCode())
        .as("an attribute of the wrong type")
        .isEqualTo(400);
    assertThat(fixture.http("GET", "/proxies/nope/toxics", null).statusCode())
        .as("toxics of an unknown proxy")
        .isEqualTo(404);
  }

  @Test
  void deleteAnswers204() throws Exception {
    proxy.toxics().timeout("t", ToxicDirection.DOWNSTREAM, 0);

    assertThat(fixture.http("DELETE", "/proxies/db/toxics/t", null).statusCode())
        .as("delete is 204")
        .isEqualTo(204);
    assertThat(fixture.http("DELETE", "/proxies/db/toxics/t", null).statusCode())
        .as("deleting again is 404")
        .isEqualTo(404);
    assertThat(proxy.toxics().getAll()).as("no toxic is left").isEmpty();
  }

  @Test
  void toxicsShowInTheProxy() throws Exception {
    proxy.toxics().limitData("cut", ToxicDirection.UPSTREAM, 10);

    assertThat(fixture.http("GET", "/proxies/db", null).body())
        .as("a proxy lists its toxics")
        .endsWith(
            "\"toxics\":[{\"attributes\":{\"bytes\":10},\"name\":\"cut\",\"type\":\"limit_data\","
                + "\"stream\":\"upstream\",\"toxicity\":1}]}");
  }
}
