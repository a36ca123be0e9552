package dualwrite.chaos.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's top folder, found from wherever the tests run (Surefire runs in chaos-tests).
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * @throws IllegalStateException when no folder above the working directory holds mvnw and docs
   */
  public static Path path() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (Files.exists(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("docs"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no repository root (mvnw and docs/) above " + here);
  }

  /** A path given relative to the repository's top folder, or absolute. */
  public static Path resolve(String path) {
    Path given = Path.of(path);
    return given.isAbsolute() ? given : path().resolve(given).normalize();
  }
}
