package dualwrite.faultproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client and its upstream connection: two pipes, upstream (client to server) and
 * downstream (server to client), each pumped by a thread of its own.
 */
final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  private final Proxy proxy;
  private final String name;
  private final SocketChannel client;
  private final SocketChannel server;
  private final Pipe up;
  private final Pipe down;
  private final boolean resetOnClose;
  private final AtomicInteger pipesRunning = new AtomicInteger(2);

  Connection(
      Proxy proxy, long id, SocketChannel client, List<Toxic> upToxics, List<Toxic> downToxics)
      throws IOException {
    this.proxy = proxy;
    this.name = "fault-proxy-" + proxy.name() + "-" + id;
    this.client = client;
    this.server = SocketChannel.open();
    this.up = new Pipe(this, name + "-up", upToxics);
    this.down = new Pipe(this, name + "-down", downToxics);
    // Toxiproxy sets SO_LINGER 0 on both sockets when a reset_peer toxic is there at accept time.
    this.resetOnClose =
        upToxics.stream().anyMatch(t -> t.type() instanceof ResetPeer)
            || downToxics.stream().anyMatch(t -> t.type() instanceof ResetPeer);
  }

  Pipe pipe(Direction direction) {
    return direction == Direction.UPSTREAM ? up : down;
  }

  /** Dials the upstream and starts both pumps, on threads of their own. */
  void start(String upstream) {
    Thread thread = new Thread(() -> dialAndPump(upstream), name + "-up");
    thread.setDaemon(true);
    thread.start();
  }

  private void dialAndPump(String upstream) {
    try {
      InetSocketAddress address = HostPort.parse(upstream).resolve();
      server.connect(address);
      configure(client);
      configure(server);
    } catch (IOException | HostPort.AddressException | RuntimeException e) {
      // Toxiproxy dials only now, and an unreachable upstream closes the client at once.
      LOG.debug("{}: cannot reach upstream {}: {}", name, upstream, e.toString());
      close();
      return;
    }
    LOG.debug("{}: connected {} to {}", name, remote(client), upstream);
    Thread downThread = new Thread(() -> down.pump(server, client), name + "-down");
    downThread.setDaemon(true);
    downThread.start();
    up.pump(client, server);
  }

  private void configure(SocketChannel channel) throws IOException {
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    if (resetOnClose) {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }
  }

  /** Closes both sides at once: the proxy was disabled, deleted or closed. */
  void close() {
    closeQuietly(client);
    closeQuietly(server);
    up.finish();
    down.finish();
  }

  void closeQuietly(SocketChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.trace("{}: close failed", name, e);
    }
  }

  void pipeFinished() {
    if (pipesRunning.decrementAndGet() == 0) {
      closeQuietly(client);
      closeQuietly(server);
      proxy.connectionClosed(this);
      LOG.debug("{}: closed", name);
    }
  }

  private static String remote(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "?";
    }
  }
}
