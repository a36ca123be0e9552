package dualwrite.chaos.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for looking at the report the way a reader does: it loads a page in a
 * frame of a small check page, which writes down what the browser made of it, and it takes
 * screenshots.
 */
final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path work;
  private int profiles;

  /**
   * What the browser made of a page.
   *
   * @param tradeOffCells the cells of the index's refused-or-delayed table
   * @param views for each label of the matrix's switch, clicked in turn, what the matrix showed
   * @param flows the run page's message flows
   * @param filtered the flows after a click on the first anomaly's name; null when none
   * @param cleared the flows after a second click on it
   */
  record Rendered(
      String title,
      int matrixCells,
      int tradeOffCells,
      Map<String, View> views,
      List<Image> images,
      List<String> links,
      List<String> fetched,
      String error,
      List<String> console,
      List<Flow> flows,
      Filtered filtered,
      List<Flow> cleared) {}

  /** A message flow's {@code svg.flow}: its transaction, its anomalies, its classes. */
  record Flow(String tx, String anomalies, String classes) {}

  /** The message flows after a click on the button of {@code anomaly}. */
  record Filtered(String anomaly, List<Flow> flows) {}

  /**
   * The matrix after a click on one label of its switch.
   *
   * @param shown the classes of the views the first run's cell shows ({@code view availability})
   * @param about the classes of the explanations shown above the matrix
   * @param background that cell's computed background colour
   */
  record View(List<String> shown, List<String> about, String background) {}

  /**
   * @param inline whether its src is a PNG data URI
   * @param complete whether loading ended
   * @param width its decoded width, 0 when it did not decode
   */
  record Image(String id, boolean inline, boolean complete, int width) {}

  Chromium(Path work) {
    this.work = work;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Loads {@code page} and reports its title, images, links, and every console message. */
  Rendered inspect(Path page) {
    Path check = work.resolve("check.html");
    try (InputStream in = Chromium.class.getResourceAsStream("check.html")) {
      Files.createDirectories(work);
      Files.write(check, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = check.toUri() + "?page=" + page.toAbsolutePath().toUri();
    Output output =
        run(
            "--allow-file-access-from-files",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=15000",
            "--dump-dom",
            url);
    int start = output.stdout().indexOf("<pre id=\"result\">");
    int end = output.stdout().indexOf("</pre>", start);
    if (start < 0 || end < 0) {
      throw new IllegalStateException("the check page did not render: " + output.stderr());
    }
    String encoded = output.stdout().substring(start + "<pre id=\"result\">".length(), end);
    List<String> console = new ArrayList<>();
    for (String line : output.stderr().split("\n")) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    try {
      Rendered rendered =
          new ObjectMapper()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(URLDecoder.decode(encoded, StandardCharsets.UTF_8), Rendered.class);
      return new Rendered(
          rendered.title(),
          rendered.matrixCells(),
          rendered.tradeOffCells(),
          rendered.views() == null ? Map.of() : rendered.views(),
          rendered.images() == null ? List.of() : rendered.images(),
          rendered.links() == null ? List.of() : rendered.links(),
          rendered.fetched() == null ? List.of() : rendered.fetched(),
          rendered.error(),
          console,
          rendered.flows() == null ? List.of() : rendered.flows(),
          rendered.filtered(),
          rendered.cleared() == null ? List.of() : rendered.cleared());
    } catch (IOException e) {
      throw new IllegalStateException("the check page wrote no result: " + encoded, e);
    }
  }

  /** A PNG of the page's top {@code height} pixels at {@code width}. */
  Path screenshot(Path page, Path png, int width, int height) {
    run(
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(),
        page.toAbsolutePath().toUri().toString());
    return png;
  }

  private record Output(String stdout, String stderr) {}

  private Output run(String... args) {
    Path profile = work.resolve("profile-" + profiles++);
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(work);
      Path stdout = work.resolve("chromium-" + profiles + ".out");
      Path stderr = work.resolve("chromium-" + profiles + ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Output(Files.readString(stdout), Files.readString(stderr));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while chromium ran", e);
    }
  }
}
