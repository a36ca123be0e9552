package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LAB_POSTGRES_URL as pgjdbc reads it, under the lab's own rules: one host, no credentials. */
class PostgresUrlTest {

  private static final String USAGE =
      "LAB_POSTGRES_URL must look like jdbc:postgresql://host:5432/postgres (one host; the user"
          + " and password go in LAB_POSTGRES_USER and LAB_POSTGRES_PASSWORD)";

  @Test
  void theHostPortAndParametersAreTakenAsGiven() {
    assertThat(PostgresUrl.parse("jdbc:postgresql://db.internal:6543/postgres?sslmode=require"))
        .isEqualTo(new PostgresUrl("db.internal", 6543, "?sslmode=require"));
    assertThat(PostgresUrl.parse("jdbc:postgresql://db/postgres"))
        .as("PostgreSQL's port by default, no parameters")
        .isEqualTo(new PostgresUrl("db", 5432, ""));
    assertThat(PostgresUrl.parse("jdbc:postgresql://[::1]:5433/x?options=-c%20a%3Db,c"))
        .as("IPv6 in brackets; a comma in a parameter is no second host")
        .isEqualTo(new PostgresUrl("[::1]", 5433, "?options=-c%20a%3Db,c"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db:5432/postgres?user=lab",
        "jdbc:postgresql://db:5432/postgres?sslmode=disable&password=s3cret",
        "jdbc:postgresql://db:5432/postgres?USER=lab",
        "jdbc:postgresql://lab@db:5432/postgres",
        "jdbc:postgresql://lab:s3cret@db/postgres",
        "jdbc:postgresql://lab:s3/cret@db/postgres",
      })
  void credentialsInTheUrlAreRefusedWithoutBeingShown(String url) {
    assertThatThrownBy(() -> PostgresUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(USAGE + "; the URL given holds credentials");
  }

  @Test
  void aMalformedUrlIsShownWithoutItsParametersOrCredentials() {
    assertMalformed("postgres://db/postgres", "postgres://db/postgres");
    assertMalformed("jdbc:postgresql://db1,db2/postgres", "jdbc:postgresql://db1,db2/postgres");
    assertMalformed("jdbc:postgresql:///postgres", "jdbc:postgresql:///postgres");
    assertMalformed("jdbc:postgresql://:5432/postgres", "jdbc:postgresql://:5432/postgres");
    assertMalformed("jdbc:postgresql://db:port/postgres", "jdbc:postgresql://db:port/postgres");
    assertMalformed("jdbc:postgresql://db:99999/postgres", "jdbc:postgresql://db:99999/postgres");
    assertMalformed("jdbc:postgresql://db?password=s3cret", "jdbc:postgresql://db?...");
    assertMalformed("jdbc:postgresql://db/x/y?password=s3cret", "jdbc:postgresql://db/x/y?...");
    assertMalformed("postgresql://lab:s3cret@db/postgres", "postgresql://...@db/postgres");
  }

  @Test
  void pgjdbcLogsNoPasswordOfARefusedUrl() {
    Logger pgjdbc = Logger.getLogger("org.postgresql");
    Level level = pgjdbc.getLevel();
    List<String> logged = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(new SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    pgjdbc.addHandler(handler);
    pgjdbc.setLevel(Level.ALL);
    try {
      for (String url :
          List.of(
              "jdbc:postgresql://lab:s3cret@db/postgres",
              "jdbc:postgresql://lab:s3/cret@db/postgres",
              "jdbc:postgresql://db?password=s3cret",
              "jdbc:postgresql://db:port/x/y?password=s3cret")) {
        assertThatThrownBy(() -> PostgresUrl.parse(url))
            .isInstanceOf(IllegalArgumentException.class);
      }
    } finally {
      pgjdbc.removeHandler(handler);
      pgjdbc.setLevel(level);
    }
    assertThat(logged).noneMatch(line -> line.contains("s3"));
  }

  private static void assertMalformed(String url, String shown) {
    assertThatThrownBy(() -> PostgresUrl.parse(url))
        .as(url)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(USAGE + ", not '" + shown + "'");
  }
}
