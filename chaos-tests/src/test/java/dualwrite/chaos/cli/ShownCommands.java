package dualwrite.chaos.cli;

import dualwrite.chaos.docs.Markdown;
import dualwrite.chaos.docs.TeachingFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./lab} and {@code ./mvnw} commands the docs show: lines of fenced blocks (a {@code $ }
 * prompt, {@code time}, environment variables and a {@code cd ... &&} before them are allowed) and
 * inline code spans. Commands with a placeholder such as {@code <scenario>} are left out.
 */
final class ShownCommands {

  /**
   * @param where file and line, for messages
   * @param program {@code ./lab} or {@code ./mvnw}
   * @param args what follows it, split as a shell would
   * @param inline true for an inline code span, which may name a command without its arguments
   */
  record Shown(String where, String program, List<String> args, boolean inline) {
    @Override
    public String toString() {
      return where + ": " + program + " " + String.join(" ", args);
    }
  }

  private ShownCommands() {}

  static List<Shown> all() {
    List<Shown> shown = new ArrayList<>();
    for (Path file : TeachingFiles.all()) {
      Markdown markdown = Markdown.read(file);
      for (Markdown.Block block : markdown.blocks()) {
        StringBuilder joined = new StringBuilder();
        int first = -1;
        for (int i = 0; i < block.lines().size(); i++) {
          String line = block.lines().get(i);
          if (first < 0) {
            first = block.open() + 2 + i;
          }
          if (line.endsWith("\\")) {
            joined.append(line, 0, line.length() - 1).append(' ');
            continue;
          }
          joined.append(line);
          collect(TeachingFiles.name(file) + ":" + first, joined.toString(), false, shown);
          joined.setLength(0);
          first = -1;
        }
      }
      for (Markdown.Numbered span : markdown.inlineCode()) {
        collect(TeachingFiles.name(file) + ":" + (span.line() + 1), span.text(), true, shown);
      }
    }
    return shown;
  }

  private static void collect(String where, String line, boolean inline, List<Shown> shown) {
    String text = line.strip();
    if (text.startsWith("$ ")) {
      text = text.substring(2);
    }
    if (text.contains("<") || text.contains("...")) {
      return; // a placeholder, not a command
    }
    List<List<String>> commands = split(text);
    for (List<String> command : commands) {
      int i = 0;
      while (i < command.size()
          && (command.get(i).matches("[A-Z_][A-Z0-9_]*=.*") || command.get(i).equals("time"))) {
        i++;
      }
      if (i < command.size()
          && (command.get(i).equals("./lab") || command.get(i).equals("./mvnw"))) {
        shown.add(new Shown(where, command.get(i), command.subList(i + 1, command.size()), inline));
      }
    }
  }

  /**
   * Splits a line as a shell would, enough for the docs: quotes, comments, and {@code &&}, {@code
   * ||}, {@code ;}, {@code |} and {@code &} between commands.
   */
  static List<List<String>> split(String line) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c) || "&|;()".indexOf(c) >= 0) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if ("&|;()".indexOf(c) >= 0 && !words.isEmpty()) {
          commands.add(words);
          words = new ArrayList<>();
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      commands.add(words);
    }
    return commands;
  }
}
