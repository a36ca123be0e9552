package dualwrite.faultproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 for the proxy to connect to: an echo, a sink or anything a test
 * writes. Each connection gets a thread of its own; the server side of every connection is kept so
 * that a test can see what the proxy did to it.
 */
final class Upstream implements AutoCloseable {
  /** What the server does with one accepted connection. */
  @FunctionalInterface
  interface Handler {
    void handle(SocketChannel connection) throws IOException;
  }

  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ServerSocketChannel server;
  private final Queue<SocketChannel> accepted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ended = new AtomicInteger();

  private Upstream(ServerSocketChannel server) {
    this.server = server;
  }

  static Upstream start(Handler handler) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
    Upstream upstream = new Upstream(server);
    String name = "upstream-" + COUNT.incrementAndGet();
    Thread acceptor = new Thread(() -> upstream.accept(handler, name), name);
    acceptor.setDaemon(true);
    acceptor.start();
    return upstream;
  }

  /** Sends back every byte it receives, until the client closes. */
  static Upstream echo() throws IOException {
    return start(
        connection -> {
          ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
          while (connection.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
              connection.write(buffer);
            }
            buffer.clear();
          }
        });
  }

  /**
   * Reads an 8-byte length, then that many bytes, then answers one byte: a receipt that tells the
   * sender every byte arrived (Toxiproxy closes both ways at the first EOF, so no half-close).
   */
  static Upstream sink() throws IOException {
    return start(
        connection -> {
          ByteBuffer header = ByteBuffer.allocate(8);
          while (header.hasRemaining()) {
            if (connection.read(header) < 0) {
              return;
            }
          }
          long left = header.flip().getLong();
          ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
          while (left > 0) {
            buffer.clear();
            int read = connection.read(buffer);
            if (read < 0) {
              return;
            }
            left -= read;
          }
          ByteBuffer receipt = ByteBuffer.wrap(new byte[] {1});
          while (receipt.hasRemaining()) {
            connection.write(receipt);
          }
          connection.read(ByteBuffer.allocate(1));
        });
  }

  private void accept(Handler handler, String name) {
    while (server.isOpen()) {
      SocketChannel connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return;
      }
      accepted.add(connection);
      Thread thread =
          new Thread(
              () -> {
                try (connection) {
                  handler.handle(connection);
                } catch (IOException e) {
                  // the client or the proxy went away: that is what these tests provoke
                } finally {
                  ended.incrementAndGet();
                }
              },
              name + "-connection");
      thread.setDaemon(true);
      thread.start();
    }
  }

  int port() {
    return server.socket().getLocalPort();
  }

  /** The {@code host:port} to give a proxy as its upstream. */
  String address() {
    return "127.0.0.1:" + port();
  }

  /** The server side of every connection accepted so far, oldest first. */
  Queue<SocketChannel> accepted() {
    return accepted;
  }

  /** How many connections have ended on this side: the handler returned or failed. */
  int ended() {
    return ended.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel connection : accepted) {
      connection.close();
    }
  }
}
