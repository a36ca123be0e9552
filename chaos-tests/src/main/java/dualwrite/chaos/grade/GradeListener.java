package dualwrite.chaos.grade;

/** Told about each step of the grade as it ends. */
public interface GradeListener {
  /** How many steps the grade will take, once known. */
  void planned(int steps);

  /** One step done: a run, or a measurement. */
  void done(String what);
}
