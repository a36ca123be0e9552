package dualwrite.bank.fraud;

import java.util.Arrays;
import java.util.List;

/**
 * How the fraud service consumes its events: the right way, and the foils that show why it is built
 * that way. Each foil changes one thing and keeps the rest.
 */
public enum ConsumerMode {

  /** The inbox and the checks in one transaction, the offsets committed by hand after it. */
  IDEMPOTENT(
      "idempotent",
      "an inbox: a batch's event ids and its checks commit in one transaction, the offsets by hand"
          + " after it; a redelivered event is skipped"),

  /** No inbox: every delivery is checked. */
  NON_IDEMPOTENT(
      "non-idempotent",
      "no inbox: every delivery is checked, so a batch Kafka delivers again is checked twice"),

  /**
   * The inbox as in the default, but the offsets are Kafka's to commit: each poll commits what the
   * polls before it returned, at most every {@link #AUTO_COMMIT_INTERVAL_MS} ms. A poll loop that
   * checks each batch before it polls again commits nothing early, so a crash loses nothing; a
   * batch whose checks failed is lost, since nothing reads it again ({@code fraud-commit-fails}).
   */
  AUTO_COMMIT(
      "auto-commit",
      "Kafka commits the offsets itself (enable.auto.commit), on the next poll, whether or not"
          + " the last batch's checks committed; a batch whose checks failed is never read again"),

  /**
   * The inbox commits a batch's event ids first, the checks in a second transaction: {@link
   * FraudDetectionService#BEFORE_DB_COMMIT} falls between the two commits. Dying there ({@code
   * fraud-crash-before-commit}), or failing the second commit ({@code fraud-commit-fails}), leaves
   * the batch seen and unchecked. (The other order, checks first, would check it twice instead.)
   */
  INBOX_OUTSIDE_TRANSACTION(
      "inbox-outside-transaction",
      "the inbox commits a batch's event ids in a transaction of its own, then the checks commit"
          + " in another: a failure or a crash between the two leaves events seen and never"
          + " checked"),

  /**
   * The workshop's inbox exercise: each batch goes to the learner's {@code
   * dualwrite.workshop.FraudInbox} (a {@link BatchHandler}), which checks it and commits its
   * offsets; the lab keeps the poll loop and the dead letters.
   */
  WORKSHOP(
      "workshop",
      "your inbox: dualwrite.workshop.FraudInbox checks each batch and commits its offsets; the"
          + " lab polls, parks malformed records and reads a batch again when your code throws");

  /** How long, in auto-commit mode, between two automatic offset commits. */
  public static final int AUTO_COMMIT_INTERVAL_MS = 100;

  private final String label;
  private final String story;

  ConsumerMode(String label, String story) {
    this.label = label;
    this.story = story;
  }

  /** The name on the command line and in run.json: {@code auto-commit}. */
  public String label() {
    return label;
  }

  /** One line: what the service does in this mode, and what that costs. */
  public String story() {
    return story;
  }

  /** Whether the service remembers the event ids it has seen (its inbox). */
  public boolean remembers() {
    return this != NON_IDEMPOTENT;
  }

  /** Whether Kafka commits the offsets on its own ({@code enable.auto.commit=true}). */
  public boolean autoCommits() {
    return this == AUTO_COMMIT;
  }

  /** Whether the inbox commits in its own transaction, before the checks. */
  public boolean inboxCommitsFirst() {
    return this == INBOX_OUTSIDE_TRANSACTION;
  }

  /** Every label, in order: {@code idempotent, non-idempotent, ...}. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(ConsumerMode::label).toList();
  }

  /**
   * @throws IllegalArgumentException naming the modes there are
   */
  public static ConsumerMode fromLabel(String label) {
    for (ConsumerMode mode : values()) {
      if (mode.label.equals(label)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown consumer '" + label + "'; choose one of " + String.join(", ", labels()));
  }

  @Override
  public String toString() {
    return label;
  }
}
