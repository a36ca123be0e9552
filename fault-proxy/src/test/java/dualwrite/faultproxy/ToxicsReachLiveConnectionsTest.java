package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToxicsReachLiveConnectionsTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void aToxicAddedChangedAndRemovedLaterActsOnAnOpenConnection() throws Exception {
    Proxy proxy = fixture.proxy("echo", fixture.echo());
    try (TestClient client = fixture.connect(proxy)) {
      assertThat(client.roundTripMillis(new byte[] {1})).as("no toxic yet").isLessThan(80);

      Latency latency = proxy.toxics().latency("late", ToxicDirection.UPSTREAM, 150);
      assertThat(client.roundTripMillis(new byte[] {2}))
          .as("the latency added later delays the open connection")
          .isBetween(148.0, 400.0);

      latency.setLatency(300);
      assertThat(client.roundTripMillis(new byte[] {3}))
          .as("the changed latency applies to it too")
          .isBetween(298.0, 550.0);

      latency.remove();
      assertThat(client.roundTripMillis(new byte[] {4}))
          .as("and with the toxic gone, bytes go straight through again")
          .isLessThan(80);
    }
  }
}
