package dualwrite.chaos.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * How a Kafka node's child JVM is launched so that a restart costs little CPU: a scenario that
 * kills the broker waits for a whole JVM to start, and on two cores shared by three test forks that
 * start took 13 to 25 s in CI, most of it loading and linking the same eight thousand classes
 * again.
 *
 * <p>So the broker runs from jars only (its main class in a one-class jar of its own, since a
 * folder on the classpath rules class-data sharing out), and the first broker that starts while no
 * archive exists for this classpath and JDK also writes one: it starts with {@code
 * -XX:ArchiveClassesAtExit}, is halted once it serves (the JVM writes the archive as it exits), and
 * every start after that maps the archive instead of parsing the classes. Brokers in other JVMs
 * (the other test forks) that start meanwhile do not wait for it: they start without the archive
 * and use it from their next start. An archive the JVM cannot use (another JDK, a jar changed) is
 * ignored by the JVM, which then starts as it would without one.
 *
 * <p>The archive and the main-class jar live in one folder shared by every environment of a build
 * ({@code target/kafka-class-data} next to {@code target/lab-env}).
 */
final class BrokerJvm {

  private final Path folder;
  private final List<String> classpath;
  private final Path archive;

  private BrokerJvm(Path folder, List<String> classpath, Path archive) {
    this.folder = folder;
    this.classpath = classpath;
    this.archive = archive;
  }

  /**
   * The launch of brokers from this JVM's classpath, its files in {@code folder}.
   *
   * @throws UncheckedIOException if the folder or the main-class jar cannot be written
   */
  static BrokerJvm in(Path folder) {
    try {
      Files.createDirectories(folder);
      List<String> classpath = new ArrayList<>();
      classpath.add(mainJar(folder).toString());
      for (String entry : JvmClasspath.current()) {
        // Kafka, its dependencies and logback come from jars; the lab's own class folders are
        // not needed by the broker, and a folder would stop the JVM from sharing class data.
        if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
          classpath.add(entry);
        }
      }
      Path archive = folder.resolve("broker-" + key(classpath) + ".jsa");
      return new BrokerJvm(folder, List.copyOf(classpath), archive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's JVM in " + folder, e);
    }
  }

  /** The broker JVM's classpath: jars only, the main class's first. */
  List<String> classpath() {
    return classpath;
  }

  /** The class-data archive, once one has been written for this classpath and JDK. */
  Optional<Path> archive() {
    return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }

  /**
   * Claims the writing of the archive, if none exists and nobody else (in any JVM) is writing it.
   * The caller starts its broker with {@link Dump#flags()}, makes it exit (a halt will do) once it
   * serves, then calls {@link Dump#finish()}.
   */
  Optional<Dump> claimDump() {
    if (archive().isPresent()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              folder.resolve("archive.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null || archive().isPresent()) {
        channel.close();
        return Optional.empty();
      }
      Path partial = folder.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
      Files.deleteIfExists(partial);
      return Optional.of(new Dump(channel, partial));
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      return Optional.empty(); // no archive: the broker starts as it would without one
    }
  }

  /** The writing of the archive by one broker's start and graceful stop. */
  final class Dump {
    private final FileChannel lock;
    private final Path partial;

    private Dump(FileChannel lock, Path partial) {
      this.lock = lock;
      this.partial = partial;
    }

    /**
     * The JVM flags that write the archive when the JVM exits normally. A JVM that does not know
     * the flag ignores it rather than refusing to start.
     */
    List<String> flags() {
      return List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:ArchiveClassesAtExit=" + partial);
    }

    /** Publishes the archive the stopped broker wrote, if it wrote one, and lets go of the lock. */
    void finish() {
      try {
        if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
          try {
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.deleteIfExists(partial);
        deleteOtherArchives();
      } catch (IOException e) {
        // no archive: later starts run as they would without one
      } finally {
        closeQuietly(lock);
      }
    }
  }

  /** Archives of earlier classpaths (a jar rebuilt, another JDK) take 50 MB each: they go. */
  private void deleteOtherArchives() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("broker-") && name.endsWith(".jsa") && !file.equals(archive)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * The broker's main class in a jar of its own, written once: the archive records each jar's size
   * and time, so the jar must not be written again while its class stays the same.
   */
  private static Path mainJar(Path folder) throws IOException {
    byte[] bytes;
    try (InputStream in = BrokerProcess.class.getResourceAsStream("BrokerProcess.class")) {
      if (in == null) {
        throw new IOException("BrokerProcess.class is not on the classpath");
      }
      bytes = in.readAllBytes();
    }
    Path jar = folder.resolve("broker-main-" + digest(List.of(bytes)).substring(0, 16) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Path partial = folder.resolve(jar.getFileName() + "." + ProcessHandle.current().pid());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial))) {
      JarEntry entry = new JarEntry(BrokerProcess.class.getName().replace('.', '/') + ".class");
      entry.setTime(0);
      out.putNextEntry(entry);
      out.write(bytes);
      out.closeEntry();
    }
    try {
      Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      if (!Files.isRegularFile(jar)) {
        throw e;
      }
      // another fork wrote the same jar first: use theirs
    }
    return jar;
  }

  /** What the archive depends on: the JDK, and every jar with its size and time. */
  private static String key(List<String> classpath) throws IOException {
    List<byte[]> parts = new ArrayList<>();
    parts.add(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
    parts.add(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
    for (String entry : classpath) {
      Path path = Path.of(entry);
      String stamp =
          entry + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
      parts.add(stamp.getBytes(StandardCharsets.UTF_8));
    }
    return digest(parts).substring(0, 16);
  }

  private static String digest(List<byte[]> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        sha.update(part);
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do: the lock goes with the channel
    }
  }
}
