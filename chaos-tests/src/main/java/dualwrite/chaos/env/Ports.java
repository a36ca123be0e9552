package dualwrite.chaos.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
final class Ports {

  static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /**
   * A port that was free a moment ago. Another process may take it before it is bound again, so the
   * servers started on it fail fast and clearly when that happens.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  /** The port of a {@code host:port} address. */
  static int portOf(String hostAndPort) {
    return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
  }

  /** The host of a {@code host:port} address. */
  static String hostOf(String hostAndPort) {
    return hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
  }
}
