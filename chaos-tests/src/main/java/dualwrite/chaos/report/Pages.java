package dualwrite.chaos.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pages from the Mustache templates next to this class. Mustache escapes every {@code
 * {{value}}} for HTML, so nothing a run folder holds can break a page; the templates use no
 * unescaped {@code {{{value}}}} but for the run page's message flows, whose SVG {@link FlowDiagram}
 * escapes itself.
 */
final class Pages {

  private static final MustacheFactory TEMPLATES =
      new DefaultMustacheFactory("dualwrite/chaos/report");

  private Pages() {}

  /**
   * Renders {@code template} ({@code index}, {@code run}, {@code generated}) with {@code view} into
   * {@code file}, creating its folder.
   */
  static void write(String template, Object view, Path file) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        TEMPLATES.compile(template + ".mustache").execute(out, view);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
