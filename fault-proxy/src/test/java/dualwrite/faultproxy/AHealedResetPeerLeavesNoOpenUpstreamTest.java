package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A reset_peer toxic waiting out its timeout holds the client's end of stream, and its removal must
 * not lose that end: when the countdown it began is over, the upstream is closed, as the client
 * was. Lost, the upstream stays open for ever, and a PostgreSQL session behind it stays idle in its
 * transaction, holding its locks (found by a generated scenario of the workshop's relay: reset_peer
 * on fraud->postgres, healed before its timeout, left the fraud service blocked on the locks of a
 * session whose client was long gone).
 */
class AHealedResetPeerLeavesNoOpenUpstreamTest extends ThroughAnEchoProxy {

  @Test
  void anEndHeldByAResetPeerReachesTheUpstreamWhenTheToxicGoes() throws Exception {
    TestClient client = fixture.connect(proxy);
    client.roundTripMillis(new byte[] {1});
    var toxic = proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 500);
    client.close(); // its end of stream is the first thing the toxic sees
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Fixture.threadsNamed("fault-proxy-echo-"))
                    .as("the proxy has read the client's end")
                    .noneMatch(name -> name.endsWith("-up")));

    toxic.remove(); // the held end goes on when the countdown is over

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Fixture.threadsNamed("fault-proxy-echo-"))
                    .as("the upstream was closed too, so the connection's threads ended")
                    .allMatch(name -> name.endsWith("-accept")));
  }
}
