package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisablingAProxyClosesItsConnectionsTest {
  private final Fixture fixture = new Fixture();
  private Upstream echo;
  private Proxy proxy;

  @BeforeEach
  void createProxy() throws Exception {
    echo = fixture.echo();
    proxy = fixture.proxy("echo", echo);
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void disableClosesBothSidesRefusesNewClientsAndKeepsToxics() throws Exception {
    proxy.toxics().latency("kept", ToxicDirection.DOWNSTREAM, 1);
    String listen = proxy.getListen();
    try (TestClient client = fixture.connect(proxy)) {
      client.roundTripMillis(new byte[] {1});

      proxy.disable();

      assertThat(client.awaitEnd().how())
          .as("the client side is closed")
          .isEqualTo(TestClient.Ending.EOF);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(echo.ended()).as("the server side is closed").isEqualTo(1));
      assertThatThrownBy(() -> new TestClient(Fixture.port(listen)))
          .as("new clients are refused")
          .isInstanceOf(ConnectException.class);
      assertThat(proxy.isEnabled()).as("the proxy says it is disabled").isFalse();
      assertThat(proxy.toxics().getAll()).as("the toxics are kept").hasSize(1);
    }
  }

  @Test
  void enableListensOnTheSameAddressAgain() throws Exception {
    String listen = proxy.getListen();
    proxy.disable();
    proxy.enable();

    assertThat(proxy.getListen()).as("the same address").isEqualTo(listen);
    try (TestClient client = fixture.connect(proxy)) {
      assertThat(client.roundTripMillis(new byte[] {1}))
          .as("and it carries bytes")
          .isLessThan(1_000);
    }
  }

  @Test
  void deleteClosesTheConnectionsAndTheListener() throws Exception {
    String listen = proxy.getListen();
    try (TestClient client = fixture.connect(proxy)) {
      client.roundTripMillis(new byte[] {1});

      proxy.delete();

      assertThat(client.awaitEnd().how())
          .as("the client side is closed")
          .isEqualTo(TestClient.Ending.EOF);
      await().atMost(Duration.ofSeconds(5)).until(() -> echo.ended() == 1);
      assertThatThrownBy(() -> new TestClient(Fixture.port(listen)))
          .as("the listener is gone")
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void resetEnablesEveryProxyAndRemovesEveryToxicButDeletesNone() throws Exception {
    Proxy other = fixture.proxy("other", echo);
    proxy.toxics().latency("a", ToxicDirection.DOWNSTREAM, 10);
    other.toxics().timeout("b", ToxicDirection.UPSTREAM, 0);
    other.disable();

    fixture.toxiproxy.reset();

    assertThat(fixture.toxiproxy.getProxies()).as("no proxy was deleted").hasSize(2);
    for (Proxy each : fixture.toxiproxy.getProxies()) {
      assertThat(each.isEnabled()).as(each.getName() + " is enabled").isTrue();
      assertThat(each.toxics().getAll()).as(each.getName() + " has no toxic").isEmpty();
    }
    assertThat(fixture.http("POST", "/reset", null).statusCode()).as("reset is 204").isEqualTo(204);
  }
}
