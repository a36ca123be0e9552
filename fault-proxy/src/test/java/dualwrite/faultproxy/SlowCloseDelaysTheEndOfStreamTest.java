package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlowCloseDelaysTheEndOfStreamTest {
  private final Fixture fixture = new Fixture();
  private Proxy proxy;

  @BeforeEach
  void createProxy() throws Exception {
    // Says "bye" and hangs up at once.
    Upstream hangUp =
        fixture.upstream(
            connection -> {
              ByteBuffer bye = ByteBuffer.wrap(new byte[] {'b', 'y', 'e'});
              while (bye.hasRemaining()) {
                connection.write(bye);
              }
            });
    proxy = fixture.proxy("hang-up", hangUp);
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void theDataComesAtOnceAndTheCloseAfterTheDelay() throws Exception {
    proxy.toxics().slowClose("linger", ToxicDirection.DOWNSTREAM, 300);
    try (TestClient client = fixture.connect(proxy)) {
      long connected = System.nanoTime();
      assertThat(client.read(3)).as("the data is not held").containsExactly('b', 'y', 'e');
      assertThat(Pace.millisSince(connected)).as("it came at once").isLessThan(200);

      assertThat(client.awaitEnd().how()).as("then the close").isEqualTo(TestClient.Ending.EOF);
      assertThat(Pace.millisSince(connected)).as("after the delay").isBetween(295.0, 900.0);
    }
  }

  @Test
  void withoutTheToxicTheCloseComesAtOnce() throws Exception {
    try (TestClient client = fixture.connect(proxy)) {
      long connected = System.nanoTime();
      assertThat(client.awaitEnd().bytes()).as("the data").isEqualTo(3);
      assertThat(Pace.millisSince(connected)).as("the control: an immediate close").isLessThan(200);
    }
  }
}
