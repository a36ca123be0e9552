package dualwrite.chaos.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.docs.RepositoryRoot;
import dualwrite.chaos.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 5: redeliveries with and without the fraud service's inbox, predicted, then run; and the
 * table the inbox lives in.
 */
@Tag("exercise")
class Exercise05IdempotentConsumerTest {

  private static final RunOptions WITHOUT_INBOX =
      RunOptions.DEFAULT.withConsumer(ConsumerMode.NON_IDEMPOTENT);

  @Test
  void theInboxIsFoundInTheCode() throws IOException {
    String table = Answers.of("05").get("inbox-table");
    String inbox =
        Files.readString(
            RepositoryRoot.path()
                .resolve("bank-core/src/main/java/dualwrite/bank/fraud/Inbox.java"));
    assertThat(inbox.toLowerCase(Locale.ROOT))
        .as("inbox-table: the table the Inbox inserts each event id into, schema included")
        .contains("insert into " + table + " (event_id)");
  }

  @Test
  void thePredictionsMatchRealRuns() {
    new Predictions(Answers.of("05"))
        .expect(
            "fraud-crash-after-commit.with-inbox",
            "outbox/polling",
            Scenarios.fraudCrashAfterCommit(),
            RunOptions.DEFAULT)
        .expect(
            "fraud-crash-after-commit.without-inbox",
            "outbox/polling",
            Scenarios.fraudCrashAfterCommit(),
            WITHOUT_INBOX)
        .expect(
            "relay-crash-after-publish.with-inbox",
            "outbox/polling",
            Scenarios.relayCrash("after-publish"),
            RunOptions.DEFAULT)
        .expect(
            "relay-crash-after-publish.without-inbox",
            "outbox/polling",
            Scenarios.relayCrash("after-publish"),
            WITHOUT_INBOX)
        .runAndCompare();
  }
}
