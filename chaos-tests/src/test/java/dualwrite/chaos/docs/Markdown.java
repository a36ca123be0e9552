package dualwrite.chaos.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Markdown file for the docs checks: its lines, its fenced code blocks, and the
 * text outside them.
 */
public final class Markdown {

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w+-]*).*$");
  private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");

  /**
   * A fenced code block.
   *
   * @param open the index of its opening fence line
   * @param close the index of its closing fence line
   * @param language what follows the opening fence: {@code java}, {@code bash}, or empty
   * @param lines its content
   */
  public record Block(int open, int close, String language, List<String> lines) {}

  private final Path file;
  private final List<String> lines;
  private final List<Block> blocks = new ArrayList<>();

  private Markdown(Path file, List<String> lines) {
    this.file = file;
    this.lines = List.copyOf(lines);
    int open = -1;
    String fence = null;
    String language = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = FENCE.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      if (open < 0) {
        open = i;
        fence = m.group(2);
        language = m.group(3);
      } else if (m.group(2).startsWith(fence) && lines.get(i).trim().equals(m.group(2))) {
        blocks.add(new Block(open, i, language, lines.subList(open + 1, i)));
        open = -1;
      }
    }
  }

  public static Markdown read(Path file) {
    try {
      return new Markdown(file, Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  public List<String> lines() {
    return lines;
  }

  public List<Block> blocks() {
    return blocks;
  }

  /** The block whose opening fence is the first non-blank line after {@code line}, if any. */
  public Block blockAfter(int line) {
    for (Block block : blocks) {
      if (block.open() > line) {
        for (int i = line + 1; i < block.open(); i++) {
          if (!lines.get(i).isBlank()) {
            return null;
          }
        }
        return block;
      }
    }
    return null;
  }

  /** Whether a line lies inside a fenced block (fences included). */
  public boolean inBlock(int line) {
    return blocks.stream().anyMatch(b -> line >= b.open() && line <= b.close());
  }

  /** The lines outside fenced blocks, with inline code blanked out, paired with their index. */
  public List<Numbered> prose() {
    List<Numbered> prose = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!inBlock(i)) {
        prose.add(new Numbered(i, INLINE_CODE.matcher(lines.get(i)).replaceAll("``")));
      }
    }
    return prose;
  }

  /** The inline code spans outside fenced blocks, paired with their line's index. */
  public List<Numbered> inlineCode() {
    List<Numbered> spans = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (inBlock(i)) {
        continue;
      }
      Matcher m = INLINE_CODE.matcher(lines.get(i));
      while (m.find()) {
        spans.add(new Numbered(i, m.group(2).trim()));
      }
    }
    return spans;
  }

  /** A piece of text and the index of the line it is on (add 1 for an editor's line number). */
  public record Numbered(int line, String text) {}
}
