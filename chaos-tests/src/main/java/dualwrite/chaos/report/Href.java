package dualwrite.chaos.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Links between the report's pages, relative and percent-encoded. */
final class Href {

  private Href() {}

  /** A relative link from path segments, each percent-encoded; {@code ..} stays as it is. */
  static String of(String... segments) {
    List<String> encoded = new ArrayList<>();
    for (String segment : segments) {
      encoded.add(
          segment.equals("..")
              ? segment
              : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return String.join("/", encoded);
  }
}
