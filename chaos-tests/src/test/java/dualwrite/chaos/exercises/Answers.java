package dualwrite.chaos.exercises;

import dualwrite.chaos.docs.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An attendee's answer file, such as {@code docs/exercises/answers/01.properties}. The folder is
 * {@code -Dexercises.answers} (relative to the repository's top folder), so that the solutions can
 * be checked with the same tests: {@code -Dexercises.answers=docs/exercises/solutions}.
 */
final class Answers {

  static final String FOLDER_PROPERTY = "exercises.answers";

  private final Path file;
  private final Properties values = new Properties();

  private Answers(Path file) {
    this.file = file;
    try (Reader reader = Files.newBufferedReader(file)) {
      values.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The answers to exercise {@code number}: {@code 01}. */
  static Answers of(String number) {
    String folder = System.getProperty(FOLDER_PROPERTY, "docs/exercises/answers");
    return new Answers(RepositoryRoot.resolve(folder).resolve(number + ".properties"));
  }

  /**
   * The answer to a question, trimmed and in lower case.
   *
   * @throws AssertionError naming the file and the question when it is not answered yet
   */
  String get(String key) {
    String value = values.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "not answered yet: " + key + " in " + file + " (fill it in, then run this check again)");
    }
    return value.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @throws AssertionError naming every one of the questions not answered yet
   */
  void requireAll(java.util.List<String> keys) {
    java.util.List<String> blank =
        keys.stream()
            .filter(k -> values.getProperty(k) == null || values.getProperty(k).isBlank())
            .toList();
    if (!blank.isEmpty()) {
      throw new AssertionError(
          "not answered yet: "
              + String.join(", ", blank)
              + " in "
              + file
              + " (fill them in, then run this check again)");
    }
  }

  /** Where the answers are, for messages. */
  Path file() {
    return file;
  }
}
