package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Receipt;
import dualwrite.chaos.run.Settling;
import dualwrite.outbox.OutboxSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that does not settle is unknown, and in CI its message is all that is left of it: so it
 * names the rows still to publish, says whether later rows went out past them, and shows where the
 * replication slot and the CDC relay's stored position stand.
 */
class AnUnsettledRunNamesWhatItWaitedForTest {

  @Test
  void theRowsStillToPublishTheSlotAndTheStoredPositionAreNamed() throws Exception {
    try (OutboxRun run = OutboxRun.start("cdc", OutboxSettings.defaults(), false)) {
      run.relay(1).stop(); // nothing publishes from here on
      List<Receipt> receipts = run.record(2, "acct-1");

      Settling.Outcome outcome =
          Settling.settle(
              run.deployment,
              run.space,
              "no-such-group-" + System.nanoTime(),
              Duration.ofSeconds(1));

      assertThat(outcome.settled()).as("two rows wait for a relay that is gone").isFalse();
      String first = receipts.get(0).eventId().toString();
      assertThat(outcome.open())
          .as("what stayed open, row by row, then the slot")
          .startsWith("2 events still to publish")
          .containsPattern(
              "outbox row \\d+ \\(event " + first + ", written \\d+ ms before, 0 attempts\\)")
          .contains("unpublished while 0 later rows were published")
          .containsPattern("slot \\S+ (not )?streamed, restart [0-9A-F]+/[0-9A-F]+, confirmed ");
    }
  }
}
