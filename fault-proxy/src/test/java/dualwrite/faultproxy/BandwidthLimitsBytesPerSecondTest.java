package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;

class BandwidthLimitsBytesPerSecondTest extends ThroughAnEchoProxy {
  @Test
  void bytesFlowAtTheRate() throws Exception {
    proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 200);
    try (TestClient client = fixture.connect(proxy)) {
      double millis = client.roundTripMillis(new byte[100_000]);

      // 100 000 bytes at 200 KB/s (1 KB = 1000 bytes) take 500 ms.
      assertThat(millis)
          .as("100 kB at 200 KB/s take about half a second")
          .isBetween(450.0, 1_200.0);
    }
  }

  @Test
  void rateZeroStallsUntilTheToxicIsRemoved() throws Exception {
    proxy.toxics().bandwidth("stall", ToxicDirection.DOWNSTREAM, 0);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[] {1, 2, 3});

      assertThat(client.silentFor(300)).as("nothing comes back at rate 0").isTrue();

      proxy.toxics().get("stall").remove();
      assertThat(client.read(3))
          .as("the held bytes flow when it is removed")
          .containsExactly(1, 2, 3);
    }
  }
}
