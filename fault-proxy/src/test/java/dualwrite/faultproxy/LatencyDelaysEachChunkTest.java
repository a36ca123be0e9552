package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyDelaysEachChunkTest extends ThroughAnEchoProxy {
  @Test
  void aRoundTripTakesTheLatency() throws Exception {
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
    try (TestClient client = fixture.connect(proxy)) {
      List<Double> trips = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        trips.add(client.roundTripMillis(new byte[] {1, 2, 3}));
      }
      Collections.sort(trips);
      assertThat(trips.get(0))
          .as("no round trip is faster than the latency")
          .isGreaterThanOrEqualTo(98);
      assertThat(trips.get(1)).as("the median round trip is about the latency").isLessThan(200);
    }
  }

  @Test
  void jitterKeepsEachDelayWithinItsBounds() throws Exception {
    Latency latency = proxy.toxics().latency("jittery", ToxicDirection.DOWNSTREAM, 60);
    latency.setJitter(40);
    try (TestClient client = fixture.connect(proxy)) {
      List<Double> trips = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        trips.add(client.roundTripMillis(new byte[] {(byte) i}));
      }
      assertThat(trips)
          .as("every delay is in [latency - jitter, latency + jitter), give or take scheduling")
          .allSatisfy(trip -> assertThat(trip).isBetween(19.0, 160.0));
      assertThat(Collections.max(trips) - Collections.min(trips))
          .as("the delays vary")
          .isGreaterThan(5);
    }
  }

  @Test
  void eachChunkIsDelayedFromItsOwnArrivalInOrder() throws Exception {
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 200);
    try (TestClient client = fixture.connect(proxy)) {
      long firstSent = System.nanoTime();
      client.write("first".getBytes(StandardCharsets.US_ASCII));
      Pace.pause(100);
      long secondSent = System.nanoTime();
      client.write("second".getBytes(StandardCharsets.US_ASCII));

      assertThat(new String(client.read(5), StandardCharsets.US_ASCII))
          .as("the first chunk comes first")
          .isEqualTo("first");
      double firstDelay = Pace.millisSince(firstSent);
      assertThat(new String(client.read(6), StandardCharsets.US_ASCII))
          .as("then the second")
          .isEqualTo("second");
      double secondDelay = Pace.millisSince(secondSent);

      assertThat(firstDelay).as("the first chunk waited the latency").isBetween(195.0, 290.0);
      assertThat(secondDelay)
          .as("the second waited the latency from its own arrival, not after the first (300 ms)")
          .isBetween(195.0, 270.0);
    }
  }

  @Test
  void removingTheToxicFlushesWhatItHoldsAtOnce() throws Exception {
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 2_000);
    try (TestClient client = fixture.connect(proxy)) {
      long sent = System.nanoTime();
      client.write(new byte[] {42});
      Pace.pause(100);
      proxy.toxics().get("slow").remove();

      assertThat(client.read(1)).as("the held byte arrives").containsExactly(42);
      assertThat(Pace.millisSince(sent)).as("at once, not after the 2 s latency").isLessThan(800);
    }
  }
}
