package dualwrite.chaos.run;

/** Where a run's time goes, for the log. */
final class Phases {
  private final StringBuilder marks = new StringBuilder();
  private long last = System.nanoTime();

  void mark(String phase) {
    long now = System.nanoTime();
    marks.append(phase).append('=').append((now - last) / 1_000_000).append("ms ");
    last = now;
  }

  @Override
  public String toString() {
    return marks.toString().trim();
  }
}
