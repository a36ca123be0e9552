package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;

class TimeoutDropsDataAndClosesWhenIdleTest extends ThroughAnEchoProxy {
  @Test
  void dataIsDroppedAndTheConnectionClosedAfterTheTimeout() throws Exception {
    proxy.toxics().timeout("cut", ToxicDirection.DOWNSTREAM, 200);
    try (TestClient client = fixture.connect(proxy)) {
      long sent = System.nanoTime();
      client.write(new byte[] {1, 2, 3});

      TestClient.End end = client.awaitEnd();
      assertThat(end.bytes()).as("the echo was dropped").isZero();
      assertThat(end.how()).as("then the connection was closed").isEqualTo(TestClient.Ending.EOF);
      assertThat(Pace.millisSince(sent))
          .as("about the timeout after the last data")
          .isBetween(180.0, 700.0);
    }
  }

  @Test
  void eachChunkRestartsTheClock() throws Exception {
    proxy.toxics().timeout("cut", ToxicDirection.DOWNSTREAM, 300);
    try (TestClient client = fixture.connect(proxy)) {
      long started = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        client.write(new byte[] {(byte) i});
        Pace.pause(150);
      }
      long lastSent = System.nanoTime() - 150_000_000L;

      assertThat(client.awaitEnd().bytes()).as("nothing got through").isZero();
      assertThat(Pace.millisSince(started))
          .as("the connection outlived the timeout while data kept coming")
          .isGreaterThan(600);
      assertThat(Pace.millisSince(lastSent))
          .as("and closed about the timeout after the last chunk")
          .isBetween(280.0, 900.0);
    }
  }

  @Test
  void zeroNeverCloses() throws Exception {
    proxy.toxics().timeout("hang", ToxicDirection.DOWNSTREAM, 0);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[] {1});

      assertThat(client.silentFor(400)).as("no data and no close with timeout 0").isTrue();
    }
  }

  @Test
  void removingItClosesTheConnectionsItHeld() throws Exception {
    proxy.toxics().timeout("hang", ToxicDirection.DOWNSTREAM, 0);
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[] {1});
      assertThat(client.silentFor(100)).as("held").isTrue();

      proxy.toxics().get("hang").remove();

      assertThat(client.awaitEnd().how())
          .as("removing the timeout closed the connection")
          .isEqualTo(TestClient.Ending.EOF);
    }
  }
}
