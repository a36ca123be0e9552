package dualwrite.chaos.checker;

/** What the checker can find wrong, each named by the transactions it hit. */
public enum Anomaly {
  LOST("lost", true, "committed in the database, never published"),
  PHANTOM("phantom", true, "published, never committed"),
  DUPLICATE_DELIVERY(
      "duplicate-delivery", false, "published more than once (at-least-once allows it)"),
  PROCESSED_TWICE("processed-twice", true, "checked by the fraud service more than once"),
  OUT_OF_ORDER("out-of-order", true, "published after a later transaction of its account"),
  UNCHECKED("unchecked", true, "committed and published, but never checked for fraud"),
  FAILED_BUT_COMMITTED(
      "failed-but-committed", true, "the client was told it failed, but it committed"),
  OK_BUT_NOT_COMMITTED(
      "ok-but-not-committed", true, "the client was told it succeeded, but it is not committed"),
  LATE("late", true, "checked for fraud later than the delivery bound after healing");

  private final String label;
  private final boolean invalidates;
  private final String meaning;

  Anomaly(String label, boolean invalidates, String meaning) {
    this.label = label;
    this.invalidates = invalidates;
    this.meaning = meaning;
  }

  /** The anomaly's name in verdicts and reports: {@code lost}, {@code processed-twice}, ... */
  public String label() {
    return label;
  }

  /** True when a single instance makes the verdict invalid. */
  public boolean invalidates() {
    return invalidates;
  }

  /** One line a workshop attendee understands. */
  public String meaning() {
    return meaning;
  }

  public static Anomaly fromLabel(String label) {
    for (Anomaly anomaly : values()) {
      if (anomaly.label.equals(label)) {
        return anomaly;
      }
    }
    throw new IllegalArgumentException("unknown anomaly '" + label + "'");
  }
}
