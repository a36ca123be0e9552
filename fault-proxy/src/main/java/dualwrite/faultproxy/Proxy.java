package dualwrite.faultproxy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named proxy: a listener that accepts clients and connects each to the upstream, and the toxics
 * that every connection's two directions run through. Guarded by the control lock, which the
 * control API holds for every call and the accept loop for every new connection; so a connection
 * starts with the toxics of that moment and is in the set that later changes reach.
 */
final class Proxy {
  private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);
  private static final int BACKLOG = 1024;

  private final ReentrantLock control;
  private final String name;
  private String listen;
  private String upstream;
  private boolean enabled;
  private final Map<Direction, List<Toxic>> toxics = new EnumMap<>(Direction.class);
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private ServerSocketChannel listener;
  private Acceptor acceptor;
  private long nextConnectionId;

  Proxy(ReentrantLock control, String name, String listen, String upstream) {
    this.control = control;
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    for (Direction direction : Direction.values()) {
      toxics.put(direction, new ArrayList<>());
    }
  }

  String name() {
    return name;
  }

  String listen() {
    return listen;
  }

  String upstream() {
    return upstream;
  }

  boolean enabled() {
    return enabled;
  }

  /** Binds the listener and starts accepting; the listen address then shows the real port. */
  void start() throws ApiError {
    if (enabled) {
      return;
    }
    ServerSocketChannel channel = bind(listen);
    InetSocketAddress bound;
    try {
      bound = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      closeQuietly(channel);
      throw ApiError.internal("listen tcp " + listen + ": " + e.getMessage());
    }
    listen = HostPort.format(bound);
    listener = channel;
    enabled = true;
    acceptor = new Acceptor(channel);
    Thread thread = new Thread(acceptor, "fault-proxy-" + name + "-accept");
    thread.setDaemon(true);
    thread.start();
    LOG.debug("proxy {} listening on {}, upstream {}", name, listen, upstream);
  }

  private static ServerSocketChannel bind(String listen) throws ApiError {
    InetSocketAddress address;
    try {
      // Go reads an empty address as ":0": any free port.
      address = HostPort.parse(listen.isEmpty() ? ":0" : listen).resolve();
    } catch (HostPort.AddressException e) {
      throw ApiError.internal("listen tcp: " + e.getMessage());
    } catch (UnknownHostException e) {
      throw ApiError.internal("listen tcp: lookup " + e.getMessage() + ": no such host");
    }
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.bind(address, BACKLOG);
      return channel;
    } catch (IOException e) {
      closeQuietly(channel);
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      String call = e instanceof BindException ? "bind: " : "";
      throw ApiError.internal(
          "listen tcp "
              + HostPort.format(address)
              + ": "
              + call
              + reason.replace(" (bind failed)", ""));
    }
  }

  /** Closes the listener and every connection, both sides; the toxics stay. */
  void stop() {
    if (!enabled) {
      return;
    }
    enabled = false;
    closeQuietly(listener);
    acceptor.awaitOutOfAccept();
    listener = null;
    acceptor = null;
    for (Connection connection : connections) {
      connection.close();
    }
    LOG.debug("proxy {} stopped", name);
  }

  /** Toxiproxy's update: a new address restarts the proxy; then enabled is applied. */
  void update(String newListen, String newUpstream, boolean newEnabled) throws ApiError {
    if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
      stop();
      listen = newListen;
      upstream = newUpstream;
    }
    if (newEnabled != enabled) {
      if (newEnabled) {
        start();
      } else {
        stop();
      }
    }
  }

  /**
   * The accept loop. The JDK releases a listening socket only once the thread blocked in accept()
   * has left it, so stopping waits for that, or enabling again at once could not bind.
   */
  private final class Acceptor implements Runnable {
    private final ServerSocketChannel channel;
    private boolean accepting;

    Acceptor(ServerSocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void run() {
      while (channel.isOpen()) {
        SocketChannel client;
        try {
          setAccepting(true);
          client = channel.accept();
        } catch (IOException e) {
          if (channel.isOpen()) {
            // Out of file descriptors, say: wait a little rather than spin.
            LOG.warn("proxy {}: accept failed: {}", name, e.toString());
            LockSupport.parkNanos(10_000_000L);
          }
          continue;
        } finally {
          setAccepting(false);
        }
        register(channel, client);
      }
    }

    private synchronized void setAccepting(boolean value) {
      accepting = value;
      notifyAll();
    }

    /** Waits (a little at most) for the loop to leave accept() after the channel was closed. */
    synchronized void awaitOutOfAccept() {
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (accepting && System.nanoTime() < deadline) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void register(ServerSocketChannel channel, SocketChannel client) {
    control.lock();
    try {
      if (listener != channel) {
        closeQuietly(client);
        return;
      }
      Connection connection =
          new Connection(
              this,
              ++nextConnectionId,
              client,
              List.copyOf(toxics.get(Direction.UPSTREAM)),
              List.copyOf(toxics.get(Direction.DOWNSTREAM)));
      connections.add(connection);
      connection.start(upstream);
    } catch (IOException | RuntimeException e) {
      LOG.warn("proxy {}: cannot start a connection: {}", name, e.toString());
      closeQuietly(client);
    } finally {
      control.unlock();
    }
  }

  void connectionClosed(Connection connection) {
    connections.remove(connection);
  }

  /** Upstream toxics first, then downstream, each in the order they were added. */
  List<Toxic> toxics() {
    List<Toxic> all = new ArrayList<>(toxics.get(Direction.UPSTREAM));
    all.addAll(toxics.get(Direction.DOWNSTREAM));
    return all;
  }

  Optional<Toxic> toxic(String toxicName) {
    return toxics().stream().filter(t -> t.name().equals(toxicName)).findFirst();
  }

  void addToxic(Toxic toxic) {
    toxics.get(toxic.direction()).add(toxic);
    for (Connection connection : connections) {
      connection.pipe(toxic.direction()).addToxic(toxic);
    }
  }

  void replaceToxic(Toxic toxic) {
    List<Toxic> chain = toxics.get(toxic.direction());
    int index = indexOf(chain, toxic.name());
    chain.set(index, toxic);
    for (Connection connection : connections) {
      connection.pipe(toxic.direction()).updateToxic(index, toxic);
    }
  }

  /**
   * Removes a toxic from the proxy and its connections. Returns once every connection that a
   * reset_peer had begun to reset is closed, as Toxiproxy's removal does ({@link ResetPeer}): when
   * it returns, the link is whole again.
   */
  void removeToxic(Toxic toxic) {
    List<Toxic> chain = toxics.get(toxic.direction());
    int index = indexOf(chain, toxic.name());
    chain.remove(index);
    Map<Pipe, Long> closing = new HashMap<>();
    for (Connection connection : connections) {
      Pipe pipe = connection.pipe(toxic.direction());
      long closesAt = pipe.removeToxic(index);
      if (closesAt != Behaviour.IDLE) {
        closing.put(pipe, closesAt);
      }
    }
    // A little past the close, for the runner to be scheduled; never for ever.
    closing.forEach((pipe, at) -> pipe.awaitEnd(at + TimeUnit.MILLISECONDS.toNanos(500)));
  }

  /** How many of this proxy's connections a reset_peer has begun to reset. */
  int resetsUnderWay() {
    int count = 0;
    for (Connection connection : connections) {
      for (Direction direction : Direction.values()) {
        if (connection.pipe(direction).resetUnderWay()) {
          count++;
        }
      }
    }
    return count;
  }

  /** Removes every toxic, first to last, as Toxiproxy's reset does. */
  void removeAllToxics() {
    for (Direction direction : Direction.values()) {
      while (!toxics.get(direction).isEmpty()) {
        removeToxic(toxics.get(direction).get(0));
      }
    }
  }

  private static int indexOf(List<Toxic> chain, String toxicName) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).name().equals(toxicName)) {
        return i;
      }
    }
    throw new IllegalStateException("no toxic " + toxicName);
  }

  private static void closeQuietly(Channel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.trace("close failed", e);
    }
  }
}
