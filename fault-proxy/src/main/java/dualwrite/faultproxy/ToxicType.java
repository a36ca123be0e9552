package dualwrite.faultproxy;

import java.util.Map;
import java.util.Optional;

/**
 * The seven kinds of toxic and their attributes. Each one knows its wire name, its attributes in
 * Toxiproxy's order, and how to start its behaviour on a pipe.
 */
sealed interface ToxicType
    permits Latency, Bandwidth, SlowClose, Timeout, ResetPeer, Slicer, LimitData {

  /** The {@code type} field: {@code latency}, {@code bandwidth}, ... */
  String typeName();

  /** The attributes in the order Toxiproxy writes them. */
  Map<String, Long> attributes();

  /** This type with some attributes replaced; names it does not have are ignored. */
  ToxicType with(Map<String, Long> changed);

  /** Starts this toxic's per-connection behaviour on a stage at {@code now}. */
  Behaviour start(Stage stage, long now);

  /** How many chunks may wait in front of it (Toxiproxy buffers 1024 for latency only). */
  default int queueCapacity() {
    return 1;
  }

  /** The type named {@code typeName} with every attribute 0, if there is one. */
  static Optional<ToxicType> withDefaults(String typeName) {
    return Optional.ofNullable(
        switch (typeName) {
          case "latency" -> new Latency(0, 0);
          case "bandwidth" -> new Bandwidth(0);
          case "slow_close" -> new SlowClose(0);
          case "timeout" -> new Timeout(0);
          case "reset_peer" -> new ResetPeer(0);
          case "slicer" -> new Slicer(0, 0, 0);
          case "limit_data" -> new LimitData(0);
          default -> null;
        });
  }

  /** Milliseconds as nanoseconds, saturating, negative as zero. */
  static long millis(long ms) {
    if (ms <= 0) {
      return 0;
    }
    return ms > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE / 4 : ms * 1_000_000;
  }
}
