package dualwrite.faultproxy;

import java.util.Locale;
import java.util.Optional;

/** The two directions of a proxied connection, each with its own chain of toxics. */
enum Direction {
  /** Client to server bytes. */
  UPSTREAM("upstream"),
  /** Server to client bytes. */
  DOWNSTREAM("downstream");

  private final String wireName;

  Direction(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  /** Parses a toxic's {@code stream} field; Toxiproxy ignores case here. */
  static Optional<Direction> parse(String stream) {
    return switch (stream.toLowerCase(Locale.ROOT)) {
      case "upstream" -> Optional.of(UPSTREAM);
      case "downstream" -> Optional.of(DOWNSTREAM);
      default -> Optional.empty();
    };
  }
}
