package dualwrite.chaos.cli;

import dualwrite.chaos.grade.Exercise;
import dualwrite.chaos.grade.GradeListener;
import me.tongfei.progressbar.ProgressBar;

/** The progress bar, made once the grade knows how many steps it plans. */
final class GradeProgressBar implements GradeListener, AutoCloseable {
  private final Exercise exercise;
  private ProgressBar bar;

  GradeProgressBar(Exercise exercise) {
    this.exercise = exercise;
  }

  @Override
  public void planned(int steps) {
    bar = Progress.bar("grade " + exercise.label(), steps);
  }

  @Override
  public void done(String what) {
    if (bar != null) {
      bar.setExtraMessage(" " + what);
      bar.step();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
