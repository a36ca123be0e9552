package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectionsHaveSeparateChainsTest {
  private final Fixture fixture = new Fixture();
  private Proxy proxy;

  @BeforeEach
  void createProxy() throws Exception {
    // Greets with "hi" as soon as a client connects, then echoes.
    Upstream greeter =
        fixture.upstream(
            connection -> {
              ByteBuffer buffer = ByteBuffer.wrap(new byte[] {'h', 'i'});
              while (buffer.hasRemaining()) {
                connection.write(buffer);
              }
              buffer = ByteBuffer.allocate(1024);
              while (connection.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                  connection.write(buffer);
                }
                buffer.clear();
              }
            });
    proxy = fixture.proxy("greeter", greeter);
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void anUpstreamToxicLeavesServerToClientBytesAlone() throws Exception {
    proxy.toxics().latency("slow-requests", ToxicDirection.UPSTREAM, 200);
    try (TestClient client = fixture.connect(proxy)) {
      long connected = System.nanoTime();
      client.read(2);
      assertThat(Pace.millisSince(connected))
          .as("the server's greeting is not delayed by an upstream toxic")
          .isLessThan(150);
      assertThat(client.roundTripMillis(new byte[] {1}))
          .as("the client's bytes are")
          .isGreaterThanOrEqualTo(195);
    }
  }

  @Test
  void aDownstreamToxicLeavesClientToServerBytesAlone() throws Exception {
    proxy.toxics().latency("slow-answers", ToxicDirection.DOWNSTREAM, 200);
    try (TestClient client = fixture.connect(proxy)) {
      long connected = System.nanoTime();
      client.read(2);
      assertThat(Pace.millisSince(connected))
          .as("the server's greeting is delayed by a downstream toxic")
          .isGreaterThanOrEqualTo(195);
    }
  }
}
