package dualwrite.chaos.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.bank.EventJson;
import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.outbox.OutboxCrashPoints;
import dualwrite.outbox.OutboxSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox row and the ledger row are one transaction: both are committed, or neither. */
class OutboxRowCommitsWithTheLedgerTest {

  @Test
  void aRollbackAfterTheLedgerWriteLeavesNeitherRow() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      // The outbox insert fails for one account, after the ledger row was written.
      run.execute(
          """
          CREATE FUNCTION bank.refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.account_id = 'acct-doomed' THEN RAISE EXCEPTION 'the outbox refuses'; END IF;
            RETURN NEW;
          END $$""");
      run.execute(
          "CREATE TRIGGER refuse_doomed BEFORE INSERT ON bank.outbox"
              + " FOR EACH ROW EXECUTE FUNCTION bank.refuse_doomed()");

      assertThatThrownBy(
              () ->
                  run.bank()
                      .record(
                          TransactionRequest.of(
                              "acct-doomed", TransactionType.DEPOSIT, 5000, "EUR")))
          .as("the bank says the transaction failed when its outbox row cannot be written")
          .isInstanceOf(TransactionFailed.class);

      assertThat(
              run.count(
                  "SELECT count(*) FROM bank.committed_transactions WHERE account_id = ?",
                  "acct-doomed"))
          .as("the rolled-back transaction left no ledger row")
          .isZero();
      assertThat(run.count("SELECT count(*) FROM bank.accounts WHERE account_id = 'acct-doomed'"))
          .as("nor an account balance")
          .isZero();
      assertThat(run.count("SELECT count(*) FROM bank.outbox WHERE account_id = 'acct-doomed'"))
          .as("nor an outbox row")
          .isZero();
    }
  }

  @Test
  void aCommittedTransactionHasExactlyItsEventInTheOutbox() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      Receipt receipt =
          run.bank().record(TransactionRequest.of("acct-1", TransactionType.PURCHASE, 4000, "EUR"));

      try (Connection connection = run.direct.getConnection();
          PreparedStatement query =
              connection.prepareStatement(
                  "SELECT o.event_type, o.payload::text FROM bank.outbox o"
                      + " JOIN bank.committed_transactions t ON t.event_id = o.event_id"
                      + " WHERE t.transaction_id = ?")) {
        query.setObject(1, receipt.transactionId());
        try (ResultSet rows = query.executeQuery()) {
          assertThat(rows.next()).as("the transaction's outbox row exists").isTrue();
          assertThat(rows.getString(1)).isEqualTo(TransactionRecorded.EVENT_TYPE);
          TransactionRecorded event =
              EventJson.read(rows.getString(2).getBytes(StandardCharsets.UTF_8));
          assertThat(event.eventId())
              .as("the row holds the event the receipt names")
              .isEqualTo(receipt.eventId());
          assertThat(event.sequence()).isEqualTo(receipt.sequence());
          assertThat(rows.next()).as("and only one row").isFalse();
        }
        connection.commit();
      }
    }
  }

  @Test
  void aBankThatDiesAfterItsCommitStillHasItsEventPublished() throws Exception {
    try (OutboxRun run = OutboxRun.start("polling", OutboxSettings.defaults(), false)) {
      run.crashes.arm(OutboxCrashPoints.AFTER_DB_COMMIT, 1);
      TransactionRequest request =
          TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 700, "EUR");

      assertThatThrownBy(() -> run.bank().record(request))
          .as("the client of a bank that died after its commit cannot know the outcome")
          .isInstanceOf(OutcomeUnknown.class);
      assertThat(run.deployment.services().get(0).isUp()).as("the bank died").isFalse();

      // The transaction was committed with its outbox row, so the relay publishes it anyway.
      long committed =
          run.count(
              "SELECT count(*) FROM bank.committed_transactions WHERE transaction_id = ?",
              request.transactionId());
      assertThat(committed).as("the transaction is committed").isEqualTo(1);
      run.awaitDelivered(List.of(run.eventIdOf(request.transactionId())), Duration.ofSeconds(20));
    }
  }
}
