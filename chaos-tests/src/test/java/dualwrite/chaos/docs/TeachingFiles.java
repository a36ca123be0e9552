package dualwrite.chaos.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Markdown the docs checks read: everything under docs/, and every README.md. */
public final class TeachingFiles {

  private TeachingFiles() {}

  /** Every such file, sorted, as paths under the repository's top folder. */
  public static List<Path> all() {
    Path root = RepositoryRoot.path();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.add(root.resolve("README.md"));
    try (Stream<Path> modules = Files.list(root)) {
      modules.map(module -> module.resolve("README.md")).filter(Files::exists).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files.stream().distinct().sorted().toList();
  }

  /** A file's path as the messages show it: {@code docs/README.md}. */
  public static String name(Path file) {
    return RepositoryRoot.path().relativize(file).toString();
  }
}
