package dualwrite.chaos.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The code between {@code // region name} and {@code // endregion name} in a source file, dedented:
 * what a doc shows under {@code <!-- snippet: path#name -->}.
 */
final class Regions {

  private static final Pattern MARKER = Pattern.compile("^\\s*(//|--|#)\\s*(end)?region\\b.*$");

  private Regions() {}

  /**
   * @param path the source file, relative to the repository's top folder
   * @param name the region, or null for the whole file
   * @throws IllegalArgumentException when the file or the region is not there
   */
  static List<String> of(String path, String name) {
    Path file = RepositoryRoot.path().resolve(path);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no file " + path);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (name == null) {
      return dedent(lines, false);
    }
    Pattern begin = Pattern.compile("^\\s*(//|--|#)\\s*region\\s+" + Pattern.quote(name) + "\\s*$");
    Pattern end =
        Pattern.compile("^\\s*(//|--|#)\\s*endregion\\s+" + Pattern.quote(name) + "\\s*$");
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (from < 0 && begin.matcher(lines.get(i)).matches()) {
        from = i + 1;
      } else if (from >= 0 && end.matcher(lines.get(i)).matches()) {
        return dedent(lines.subList(from, i), true);
      }
    }
    throw new IllegalArgumentException(
        "no region '"
            + name
            + "' (// region "
            + name
            + " ... // endregion "
            + name
            + ") in "
            + path);
  }

  /** Without blank lines at either end, the common indentation and (in a region) other markers. */
  private static List<String> dedent(List<String> region, boolean withoutMarkers) {
    List<String> kept =
        new ArrayList<>(
            region.stream().filter(l -> !withoutMarkers || !MARKER.matcher(l).matches()).toList());
    while (!kept.isEmpty() && kept.get(0).isBlank()) {
      kept.remove(0);
    }
    while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
      kept.remove(kept.size() - 1);
    }
    int indent =
        kept.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }
}
