package dualwrite.chaos.report;

import java.nio.file.Path;

/**
 * The report on the command line: {@code ReportMain <runs-dir> <out-dir>} writes the report and
 * prints the path of its index.html, and nothing else. The build runs it after the chaos suites.
 */
public final class ReportMain {

  private ReportMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (args.length != 2) {
      System.err.println("usage: ReportMain <runs-dir> <out-dir>");
      // not System.exit: the build runs this inside Maven's JVM
      throw new IllegalArgumentException("expected 2 arguments, got " + args.length);
    }
    Path index = Report.write(Path.of(args[0]), Path.of(args[1]));
    System.out.println(index.toAbsolutePath().normalize());
  }
}
