package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import org.junit.jupiter.api.Test;

class ToxicityDecidesPerConnectionTest extends ThroughAnEchoProxy {
  @Test
  void toxicityZeroLeavesAConnectionAloneAndOneIsRolledAgainOnChange() throws Exception {
    Latency latency = proxy.toxics().latency("maybe", ToxicDirection.DOWNSTREAM, 300);
    latency.setToxicity(0f);
    try (TestClient client = fixture.connect(proxy)) {
      assertThat(client.roundTripMillis(new byte[] {1}))
          .as("toxicity 0: the connection is left alone")
          .isLessThan(150);

      latency.setToxicity(1f);
      assertThat(client.roundTripMillis(new byte[] {2}))
          .as("changing the toxic rolls again for the open connection: now it applies")
          .isGreaterThanOrEqualTo(295);
    }
  }

  @Test
  void toxicityHalfAffectsSomeConnectionsAndNotOthers() throws Exception {
    proxy.toxics().latency("maybe", ToxicDirection.DOWNSTREAM, 100).setToxicity(0.5f);
    int slow = 0;
    int connections = 24;
    for (int i = 0; i < connections; i++) {
      try (TestClient client = fixture.connect(proxy)) {
        double first = client.roundTripMillis(new byte[] {1});
        double second = client.roundTripMillis(new byte[] {2});
        assertThat(first >= 95)
            .as("the roll holds for the whole connection")
            .isEqualTo(second >= 95);
        slow += first >= 95 ? 1 : 0;
      }
    }
    assertThat(slow)
        .as("some connections got the toxic, some did not")
        .isBetween(1, connections - 1);
  }
}
