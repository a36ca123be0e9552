package dualwrite.chaos.env;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The classpath of this JVM, to start a child JVM (the Kafka broker) from the same jars. */
final class JvmClasspath {

  private JvmClasspath() {}

  /**
   * Every entry of this JVM's classpath. Surefire starts tests with a single "manifest-only" jar
   * whose manifest lists the real classpath, so such a jar is expanded.
   */
  static List<String> current() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      List<String> listed = manifestClassPath(entry);
      if (listed.isEmpty()) {
        entries.add(entry);
      } else {
        entries.addAll(listed);
      }
    }
    return entries;
  }

  private static List<String> manifestClassPath(String entry) {
    if (!entry.endsWith(".jar") || !new File(entry).isFile()) {
      return List.of();
    }
    try (JarFile jar = new JarFile(entry)) {
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || classPath.isBlank()) {
        return List.of();
      }
      URI base = new File(entry).getAbsoluteFile().getParentFile().toURI();
      List<String> entries = new ArrayList<>();
      for (String item : classPath.trim().split("\\s+")) {
        URI uri = base.resolve(item);
        entries.add(Path.of(uri).toString());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + entry, e);
    }
  }
}
