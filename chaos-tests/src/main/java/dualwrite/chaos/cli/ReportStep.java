package dualwrite.chaos.cli;

import dualwrite.chaos.report.Report;
import java.nio.file.Path;
import java.util.List;

/** Writes the report from the run folders and says where it is. */
final class ReportStep {

  private ReportStep() {}

  /**
   * @return a line naming the report's index page
   */
  static String write(Path runs, Path out) {
    return write(List.of(runs), out);
  }

  /**
   * @return a line naming the report's index page, written from several runs directories
   */
  static String write(List<Path> runsDirs, Path out) {
    return "Report: " + Report.write(runsDirs, out).toAbsolutePath();
  }
}
