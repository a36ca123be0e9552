package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitDataPassesExactlyNBytesTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void downstreamTheClientGetsExactlyNBytesThenTheEnd() throws Exception {
    Proxy proxy = fixture.proxy("echo", fixture.echo());
    proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 1_000);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[3_000]);

      TestClient.End end = client.awaitEnd();
      assertThat(end.bytes()).as("exactly the limit came through").isEqualTo(1_000);
      assertThat(end.how()).as("then the connection closed").isEqualTo(TestClient.Ending.EOF);
    }
  }

  @Test
  void upstreamTheServerGetsExactlyNBytes() throws Exception {
    AtomicLong received = new AtomicLong();
    Upstream counter =
        fixture.upstream(
            connection -> {
              ByteBuffer buffer = ByteBuffer.allocate(4096);
              for (int n = connection.read(buffer); n >= 0; n = connection.read(buffer)) {
                received.addAndGet(n);
                buffer.clear();
              }
            });
    Proxy proxy = fixture.proxy("counter", counter);
    proxy.toxics().limitData("cap", ToxicDirection.UPSTREAM, 500);
    try (TestClient client = fixture.connect(proxy)) {
      for (int i = 0; i < 4; i++) {
        client.write(new byte[300]);
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> counter.ended() == 1);
      assertThat(received.get())
          .as("the server got exactly the limit, then its end")
          .isEqualTo(500);
    }
  }
}
