package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Once a reset_peer toxic has dropped its first chunk, its connection is closed when the timeout
 * ends, whether or not the toxic is still there: Toxiproxy's reset toxic sleeps out the timeout
 * without listening for a removal, and the removal's request returns only after the close. Called
 * off, the connection would live on with its request dropped and nobody to answer it; a client
 * without a socket timeout then waits for ever (found in CI: a CDC relay's Debezium engine waited
 * the whole settle time for the outbox's columns).
 */
class AResetUnderWayOutlivesItsToxicTest extends ThroughAnEchoProxy {

  @Test
  void aRemovedResetPeerStillResetsTheConnectionItBeganToReset() throws Exception {
    var toxic = proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 400);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[] {1}); // the first chunk: dropped, and the countdown begins
      awaitTheCountdown(1);

      toxic.remove();

      TestClient.End end = client.awaitEnd(); // the socket gives up after 5 s without an end
      assertThat(end.how())
          .as("reset after the timeout, although the toxic was removed before it")
          .isEqualTo(TestClient.Ending.RESET);
      assertThat(end.bytes()).as("the dropped chunk never reached the echo").isZero();
    }
  }

  @Test
  void theRemovalReturnsOnlyOnceTheConnectionIsClosed() throws Exception {
    var toxic = proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 400);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[] {1});
      awaitTheCountdown(1);

      toxic.remove();

      assertThat(fixture.server.resetsUnderWay("echo"))
          .as("when the removal returns, the reset it found under way has happened")
          .isZero();
      assertThat(client.awaitEnd().how()).isEqualTo(TestClient.Ending.RESET);
    }
  }

  @Test
  void aConnectionTheResetHadNotBegunOnLivesOn() throws Exception {
    var toxic = proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 400);
    try (TestClient client = fixture.connect(proxy)) {
      assertThat(fixture.server.resetsUnderWay("echo")).isZero();
      toxic.remove(); // no chunk yet: nothing under way

      assertThat(client.roundTripMillis(new byte[] {7}))
          .as("the connection carries data once the toxic is gone")
          .isPositive();
    }
  }

  /** Waits until the toxic has taken the first chunk and counts down to the close. */
  private void awaitTheCountdown(int connections) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> fixture.server.resetsUnderWay("echo") == connections);
  }
}
