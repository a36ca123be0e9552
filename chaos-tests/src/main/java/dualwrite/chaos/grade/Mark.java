package dualwrite.chaos.grade;

/** How an item of a {@link Scoreboard} came out. */
public enum Mark {
  HELD("held", true),
  BROKEN("BROKEN", false),
  UNSHOWN("UNSHOWN", false),
  MET("met", true),
  MISSED("MISSED", false);

  private final String word;
  private final boolean passed;

  Mark(String word, boolean passed) {
    this.word = word;
    this.passed = passed;
  }

  /** How the scoreboard writes it. */
  public String word() {
    return word;
  }

  public boolean passed() {
    return passed;
  }
}
