package dualwrite.chaos.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface. */
final class Ports {

  static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** Each test fork has its own block of ports; the command line uses the block above them. */
  private static final int BLOCK = 1000;

  private static final int FIRST_FORK_PORT = 20_000;
  private static final int SHARED_FIRST = 30_000;
  private static final int SHARED_SIZE = 2_768;

  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  /**
   * A port for a server to listen on: free now, and chosen where nothing else is likely to take it
   * before the server binds it. Ports come from below Linux's ephemeral range (32768 and up), which
   * the OS hands to outgoing connections and to {@code bind(0)}: a port picked there can be taken
   * by any client's connection in the moment between the pick and the server's bind, which once
   * kept PostgreSQL from starting in a build. Each test fork ({@code lab.fork}, 1 to 9) picks from
   * its own block of a thousand, so parallel forks never pick the same port; a JVM never hands the
   * same port out twice.
   */
  static int freePort() {
    String fork = System.getProperty("lab.fork", "");
    int first =
        fork.matches("[1-9]") ? FIRST_FORK_PORT + Integer.parseInt(fork) * BLOCK : SHARED_FIRST;
    int size = first == SHARED_FIRST ? SHARED_SIZE : BLOCK;
    int offset = ThreadLocalRandom.current().nextInt(size);
    for (int i = 0; i < size; i++) {
      int port = first + (offset + i) % size;
      if (!handedOut.contains(port) && bindable(port) && handedOut.add(port)) {
        return port;
      }
    }
    return anyFreePort(); // the block is used up: an ephemeral port, as a last resort
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFreePort() {
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
