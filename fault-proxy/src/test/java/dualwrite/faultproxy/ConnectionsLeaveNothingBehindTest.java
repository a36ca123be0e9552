package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionsLeaveNothingBehindTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void thousandsOfConnectionsEndingEveryWayLeaveNoConnectionThread() throws Exception {
    Proxy echo = fixture.proxy("echo", fixture.echo());
    Proxy resetting =
        fixture.proxy(
            "resetting",
            fixture.upstream(
                connection -> connection.setOption(StandardSocketOptions.SO_LINGER, 0)));
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Proxy refused =
        fixture.toxiproxy.createProxy("refused", "127.0.0.1:0", "127.0.0.1:" + closedPort);

    for (int i = 0; i < 600; i++) {
      try (TestClient client = fixture.connect(echo)) {
        client.roundTripMillis(new byte[] {(byte) i});
      }
    }
    for (int i = 0; i < 150; i++) {
      vanishMidStream(echo);
    }
    echo.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1);
    for (int i = 0; i < 100; i++) {
      try (TestClient client = fixture.connect(echo)) {
        client.roundTripMillis(new byte[] {(byte) i});
      }
      vanishMidStream(echo);
    }
    for (int i = 0; i < 150; i++) {
      try (TestClient client = fixture.connect(refused)) {
        client.awaitEnd();
      }
      try (TestClient client = fixture.connect(resetting)) {
        client.write(new byte[] {1});
        client.awaitEnd();
      } catch (IOException e) {
        // the upstream's reset may reach the client as an error on write: fine
      }
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(Fixture.threadsNamed("fault-proxy-"))
                    .as("only the accept loops and the control API threads are left")
                    .allMatch(
                        name -> name.endsWith("-accept") || name.startsWith("fault-proxy-api-")));
    try (TestClient client = fixture.connect(echo)) {
      assertThat(client.roundTripMillis(new byte[] {9}))
          .as("the proxy still carries bytes")
          .isLessThan(1_000);
    }
  }

  @Test
  void closingTheServerStopsEveryThread() throws Exception {
    Proxy echo = fixture.proxy("echo", fixture.echo());
    echo.toxics().latency("slow", ToxicDirection.UPSTREAM, 1_000);
    TestClient held = fixture.connect(echo);
    held.write(new byte[] {1});
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Fixture.threadsNamed("fault-proxy-echo-1-"))
                    .as("a connection has its threads, here with a toxic runner")
                    .contains(
                        "fault-proxy-echo-1-up",
                        "fault-proxy-echo-1-down",
                        "fault-proxy-echo-1-up-toxics"));

    fixture.server.close();
    fixture.server.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        Fixture.threadsNamed("fault-proxy-").stream()
                            .filter(name -> !name.startsWith("fault-proxy-api-")))
                    .as("close() is idempotent and stops every listener and connection thread")
                    .isEmpty());
    assertThat(held.awaitEnd().how())
        .as("the held client was closed")
        .isEqualTo(TestClient.Ending.EOF);
  }

  /** A client that sends a lot and then resets its connection without reading the answers. */
  private static void vanishMidStream(Proxy proxy) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", Fixture.port(proxy.getListen())));
      socket.getOutputStream().write(new byte[64 * 1024]);
      socket.setSoLinger(true, 0);
    }
  }
}
