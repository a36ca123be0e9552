package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;

class ResetPeerResetsTheConnectionTest extends ThroughAnEchoProxy {
  @Test
  void theClientSeesAResetAfterTheFirstDataAndTheTimeout() throws Exception {
    proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 100);
    try (TestClient client = fixture.connect(proxy)) {
      long sent = System.nanoTime();
      client.write(new byte[] {1});

      TestClient.End end = client.awaitEnd();
      assertThat(end.how())
          .as("the connection was reset, not closed")
          .isEqualTo(TestClient.Ending.RESET);
      assertThat(end.bytes()).as("the first data was dropped").isZero();
      assertThat(Pace.millisSince(sent)).as("after the timeout").isBetween(95.0, 600.0);
    }
  }

  @Test
  void addedToAnOpenConnectionItClosesWithAFin() throws Exception {
    try (TestClient client = fixture.connect(proxy)) {
      client.roundTripMillis(new byte[] {1});
      proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);

      client.write(new byte[] {2});

      assertThat(client.awaitEnd().how())
          .as("without SO_LINGER 0 from the start, the close is an orderly one")
          .isEqualTo(TestClient.Ending.EOF);
    }
  }
}
