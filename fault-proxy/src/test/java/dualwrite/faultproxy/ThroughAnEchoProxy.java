package dualwrite.faultproxy;

import eu.rekawek.toxiproxy.Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The stage of most toxic tests: a fresh fault proxy with one proxy in front of an echo server. */
abstract class ThroughAnEchoProxy {

  protected final Fixture fixture = new Fixture();
  protected Proxy proxy;

  @BeforeEach
  void createProxy() throws Exception {
    proxy = fixture.proxy("echo", fixture.echo());
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }
}
