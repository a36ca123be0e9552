package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnreachableUpstreamClosesTheClientTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void theClientIsClosedAtOnceAndTheProxyKeepsWorking() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Proxy proxy =
        fixture.toxiproxy.createProxy("nowhere", "127.0.0.1:0", "127.0.0.1:" + closedPort);

    try (TestClient client = fixture.connect(proxy)) {
      long connected = System.nanoTime();
      assertThat(client.awaitEnd().bytes()).as("nothing comes from nowhere").isZero();
      assertThat(Pace.millisSince(connected)).as("the client is closed at once").isLessThan(1_000);
    }

    Upstream echo = fixture.echo();
    proxy.setUpstream(echo.address());
    try (TestClient client = fixture.connect(fixture.toxiproxy.getProxy("nowhere"))) {
      assertThat(client.roundTripMillis(new byte[] {1}))
          .as("the proxy still works once the upstream is there")
          .isLessThan(1_000);
    }
  }
}
