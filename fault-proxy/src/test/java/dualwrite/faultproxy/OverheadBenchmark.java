package dualwrite.faultproxy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Measures what the proxy costs with no toxic, on loopback, in one run: the throughput of a large
 * transfer and the round trip of a small request, each direct and through the proxy.
 *
 * <p>Run: {@code ./mvnw -q -pl fault-proxy -Pbenchmark test-compile exec:exec}. Not a test: it
 * asserts nothing, it prints numbers for the README.
 */
public final class OverheadBenchmark {
  private static final long TRANSFER_BYTES = Long.getLong("bench.bytes", 1L << 30);
  private static final int TRANSFER_RUNS = Integer.getInteger("bench.runs", 5);
  private static final int MESSAGE_BYTES = 64;
  private static final int WARMUP_ROUND_TRIPS = Integer.getInteger("bench.warmup", 20_000);
  private static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 50_000);

  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (Upstream sink = Upstream.sink();
        Upstream echo = Upstream.echo();
        FaultProxyServer server = FaultProxyServer.start("127.0.0.1", 0)) {
      ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
      int sinkProxy = port(client.createProxy("sink", "127.0.0.1:0", sink.address()).getListen());
      int echoProxy = port(client.createProxy("echo", "127.0.0.1:0", echo.address()).getListen());

      System.out.printf(
          Locale.ROOT,
          "Throughput: %d MiB per run, %d runs each way, median%n",
          TRANSFER_BYTES >> 20,
          TRANSFER_RUNS);
      transfer(sink.port());
      transfer(sinkProxy);
      List<Double> direct = new ArrayList<>();
      List<Double> proxied = new ArrayList<>();
      for (int run = 0; run < TRANSFER_RUNS; run++) {
        direct.add(transfer(sink.port()));
        proxied.add(transfer(sinkProxy));
      }
      double directRate = median(direct);
      double proxiedRate = median(proxied);
      System.out.printf(Locale.ROOT, "  direct       %8.0f MiB/s%n", directRate);
      System.out.printf(Locale.ROOT, "  fault-proxy  %8.0f MiB/s%n", proxiedRate);
      System.out.printf(Locale.ROOT, "  ratio        %8.2f%n", proxiedRate / directRate);

      System.out.printf(
          Locale.ROOT,
          "Round trip of %d bytes: %d warm-up, %d measured%n",
          MESSAGE_BYTES,
          WARMUP_ROUND_TRIPS,
          ROUND_TRIPS);
      Histogram directTrips = roundTrips(echo.port());
      Histogram proxiedTrips = roundTrips(echoProxy);
      print("direct     ", directTrips);
      print("fault-proxy", proxiedTrips);
      System.out.printf(
          Locale.ROOT,
          "  added median %.3f ms%n",
          (proxiedTrips.getValueAtPercentile(50) - directTrips.getValueAtPercentile(50)) / 1e6);
    }
  }

  /** Sends TRANSFER_BYTES and waits for the sink's one-byte receipt; returns MiB/s. */
  private static double transfer(int port) throws IOException {
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
      ByteBuffer receipt = ByteBuffer.allocate(1);
      long started = System.nanoTime();
      ByteBuffer header = ByteBuffer.allocate(8).putLong(TRANSFER_BYTES).flip();
      while (header.hasRemaining()) {
        channel.write(header);
      }
      long left = TRANSFER_BYTES;
      while (left > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), left));
        left -= channel.write(buffer);
      }
      while (receipt.hasRemaining()) {
        if (channel.read(receipt) < 0) {
          throw new IOException("sink closed early");
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return TRANSFER_BYTES / seconds / (1 << 20);
    }
  }

  private static Histogram roundTrips(int port) throws IOException {
    Histogram histogram = new Histogram(3);
    try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer request = ByteBuffer.allocateDirect(MESSAGE_BYTES);
      ByteBuffer response = ByteBuffer.allocateDirect(MESSAGE_BYTES);
      for (int i = 0; i < WARMUP_ROUND_TRIPS + ROUND_TRIPS; i++) {
        request.clear();
        response.clear();
        long started = System.nanoTime();
        while (request.hasRemaining()) {
          channel.write(request);
        }
        while (response.hasRemaining()) {
          if (channel.read(response) < 0) {
            throw new IOException("echo closed early");
          }
        }
        if (i >= WARMUP_ROUND_TRIPS) {
          histogram.recordValue(System.nanoTime() - started);
        }
      }
    }
    return histogram;
  }

  private static void print(String label, Histogram histogram) {
    System.out.printf(
        Locale.ROOT,
        "  %s median %.3f ms  p99 %.3f ms%n",
        label,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }
}
