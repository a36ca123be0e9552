package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FaultProxyServerTest {

  @Test
  void itStartsOnAFreePortAndStopsOnClose() throws Exception {
    FaultProxyServer server = FaultProxyServer.start("127.0.0.1", 0);
    assertThat(server.host()).as("the host as given").isEqualTo("127.0.0.1");
    assertThat(server.port()).as("a real port for port 0").isPositive();
    assertThat(server.controlUrl())
        .as("the control URL")
        .isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(new ToxiproxyClient(server.host(), server.port()).getProxies())
        .as("it answers the client")
        .isEmpty();

    server.close();
    server.close();

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.controlUrl() + "/version")).build();
    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
        .as("after close nothing listens")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortFailsClearly() {
    try (FaultProxyServer first = FaultProxyServer.start("127.0.0.1", 0)) {
      assertThatThrownBy(() -> FaultProxyServer.start("127.0.0.1", first.port()))
          .as("the port is taken")
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
    }
  }
}
