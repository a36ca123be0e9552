package dualwrite.faultproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A client of a proxy, on a plain blocking socket, with the measurements the tests need. Reads time
 * out after a few seconds, so that a broken proxy fails a test instead of hanging it.
 */
final class TestClient implements AutoCloseable {
  /** How a connection ended, as the client saw it. */
  enum Ending {
    /** An orderly close: read returned -1. */
    EOF,
    /** A TCP reset: "Connection reset". */
    RESET
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  TestClient(int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(5_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads exactly {@code n} bytes; fails if the stream ends first. */
  byte[] read(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("stream ended after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  /** One read: whatever arrived, at most {@code max} bytes; empty at the end of the stream. */
  byte[] readSome(int max) throws IOException {
    byte[] bytes = new byte[max];
    int n = in.read(bytes);
    return n < 0 ? new byte[0] : Arrays.copyOf(bytes, n);
  }

  /** Sends {@code bytes} and reads as many back; returns the round trip in milliseconds. */
  double roundTripMillis(byte[] bytes) throws IOException {
    long started = System.nanoTime();
    write(bytes);
    read(bytes.length);
    return (System.nanoTime() - started) / 1e6;
  }

  /** How a connection ended and how many bytes came before the end. */
  record End(Ending how, long bytes) {}

  /** Reads until the connection ends; says how it ended and how many bytes arrived first. */
  End awaitEnd() throws IOException {
    byte[] sink = new byte[8192];
    long bytes = 0;
    try {
      for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
        bytes += n;
      }
      return new End(Ending.EOF, bytes);
    } catch (SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return new End(Ending.RESET, bytes);
      }
      throw e;
    }
  }

  /** Whether nothing at all, not even the end of the stream, arrives for {@code millis} ms. */
  boolean silentFor(int millis) throws IOException {
    int previous = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      in.read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(previous);
    }
  }

  void setReadTimeout(int millis) throws SocketException {
    socket.setSoTimeout(millis);
  }

  int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
