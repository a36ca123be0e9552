package dualwrite.chaos.cli;

import dualwrite.chaos.report.Report;
import java.nio.file.Path;

/** Writes the report from the run folders and says where it is. */
final class ReportStep {

  private ReportStep() {}

  /**
   * @return a line naming the report's index page
   */
  static String write(Path runs, Path out) {
    return "Report: " + Report.write(runs, out).toAbsolutePath();
  }
}
