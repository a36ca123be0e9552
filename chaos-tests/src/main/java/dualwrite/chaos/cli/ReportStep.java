package dualwrite.chaos.cli;

import java.nio.file.Path;

/** Writes the report from the run folders and says where it is. */
final class ReportStep {

  private ReportStep() {}

  /**
   * @return a line naming the report's index page
   */
  static String write(Path runs, Path out) {
    return "Report: (the report module is not wired in yet) runs in " + runs.toAbsolutePath();
  }
}
