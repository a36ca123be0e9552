package dualwrite.chaos.grade;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.Strategies;
import java.util.Arrays;
import java.util.List;

/** The three build exercises: what the learner writes, and what the lab runs it in. */
public enum Exercise {
  RELAY("relay", "dualwrite.workshop.OutboxRelay", "09-build-the-relay.md"),
  INBOX("inbox", "dualwrite.workshop.FraudInbox", "10-build-the-inbox.md"),
  CURSOR("cursor", "dualwrite.workshop.LedgerCursor", "11-build-the-cursor.md");

  private final String label;
  private final String learnerClass;
  private final String page;

  Exercise(String label, String learnerClass, String page) {
    this.label = label;
    this.learnerClass = learnerClass;
    this.page = page;
  }

  /** {@code relay}, as on the command line. */
  public String label() {
    return label;
  }

  /** The class the learner edits. */
  public String learnerClass() {
    return learnerClass;
  }

  /** The exercise's page under docs/exercises. */
  public String page() {
    return "docs/exercises/" + page;
  }

  /**
   * The variant the learner's class runs in: the learner's relay or cursor in the workshop
   * strategy, or the lab's polling outbox for the inbox (whose consumer is the learner's).
   *
   * @param command the relay as a program, or null for the learner's Java class
   */
  public Strategies.Choice choice(String command) {
    return switch (this) {
      case RELAY -> Strategies.parse(command == null ? "workshop/relay" : "workshop/relay-command");
      case INBOX -> Strategies.parse("outbox/polling");
      case CURSOR -> Strategies.parse("workshop/cursor");
    };
  }

  /** How its runs are set up: the inbox's runs have the learner's consumer. */
  public RunOptions options() {
    return this == INBOX
        ? RunOptions.DEFAULT.withConsumer(ConsumerMode.WORKSHOP)
        : RunOptions.DEFAULT;
  }

  /**
   * @throws IllegalArgumentException naming the exercises there are
   */
  public static Exercise fromLabel(String label) {
    return Arrays.stream(values())
        .filter(e -> e.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown exercise '" + label + "'; choose one of " + labels()));
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Exercise::label).toList();
  }
}
