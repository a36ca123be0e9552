package dualwrite.chaos.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
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
 * escapes itself. The Markdown templates escape for a Markdown table instead, and leave the rest of
 * the text as it is.
 */
final class Pages {

  private static final String FOLDER = "dualwrite/chaos/report";
  private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory(FOLDER);
  private static final MustacheFactory MARKDOWN = new MarkdownTemplates();

  private Pages() {}

  /**
   * Renders {@code template} ({@code index}, {@code run}, {@code generated}) with {@code view} into
   * {@code file}, creating its folder.
   */
  static void write(String template, Object view, Path file) {
    render(TEMPLATES, template, view, file);
  }

  /**
   * Renders the Markdown {@code template} ({@code summary.md}) with {@code view} into {@code file}.
   */
  static void writeMarkdown(String template, Object view, Path file) {
    render(MARKDOWN, template, view, file);
  }

  /**
   * A value as a Markdown table cell: a {@code |} would end the cell and a line break the row;
   * nothing else is escaped.
   */
  static String markdownCell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static void render(MustacheFactory factory, String template, Object view, Path file) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        factory.compile(template + ".mustache").execute(out, view);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Templates whose every {@code {{value}}} is a {@link #markdownCell}, not HTML. */
  private static final class MarkdownTemplates extends DefaultMustacheFactory {

    MarkdownTemplates() {
      super(FOLDER);
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(markdownCell(value));
      } catch (IOException e) {
        throw new MustacheException("cannot write " + value, e);
      }
    }
  }
}
