package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks that the balance is derived from the ledger's entries and nothing else. */
class EventSourcedBalanceFollowsFromEventsTest {

  @Test
  void theBalanceIsTheSumOfTheAccountsEventsAndIsStoredNowhereElse() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      Map<String, Long> expected = new HashMap<>();
      Random random = new Random(42);
      for (int i = 0; i < 60; i++) {
        String account = "acct-" + (1 + i % 3);
        TransactionType type = TransactionType.values()[random.nextInt(4)];
        long amount = 1 + random.nextInt(50_000);
        lab.bank().record(TransactionRequest.of(account, type, amount, "EUR"));
        expected.merge(account, type.balanceEffect(amount), Long::sum);
      }

      assertThat(lab.balances())
          .as("each account's balance is the sum of the effects of its recorded transactions")
          .isEqualTo(expected);
      assertThat(
              lab.query(
                  """
                  SELECT c.table_name || '.' || c.column_name
                    FROM information_schema.columns c
                    JOIN information_schema.tables t USING (table_schema, table_name)
                   WHERE c.table_schema = 'bank' AND t.table_type = 'BASE TABLE'
                     AND c.column_name LIKE '%balance%'
                  """,
                  row -> row.getString(1)))
          .as("no table of the bank's schema stores a balance apart from the entries")
          .isEmpty();

      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(delivered.balances())
          .as("the published events alone are enough to derive every balance")
          .isEqualTo(expected);
    }
  }

  @Test
  void theLedgerRefusesToRewriteAnEntry() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", 1)) {
      lab.bank().record(TransactionRequest.of("acct-1", TransactionType.DEPOSIT, 1000, "EUR"));
      try (Connection connection = lab.direct.getConnection()) {
        assertThatThrownBy(
                () -> execute(connection, "UPDATE bank.ledger_entries SET amount_minor = 1"))
            .as("an entry cannot be changed")
            .hasMessageContaining("append-only");
        connection.rollback();
        assertThatThrownBy(() -> execute(connection, "DELETE FROM bank.ledger_entries"))
            .as("an entry cannot be taken back")
            .hasMessageContaining("append-only");
        connection.rollback();
      }
      assertThat(lab.balances())
          .as("the refused rewrites left the balance as the entry made it")
          .containsEntry("acct-1", 1000L);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    }
  }
}
