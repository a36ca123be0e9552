package dualwrite.bank.ledger;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies Flyway migrations to one schema of a database. */
public final class SchemaMigrations {

  /** The bank's schema: ledger, outbox, relay positions. */
  public static final String BANK = "bank";

  /** The fraud service's schema. */
  public static final String FRAUD = "fraud";

  /** Where the fraud service's migrations live. */
  public static final List<String> FRAUD_MIGRATIONS = List.of("classpath:db/fraud");

  private SchemaMigrations() {}

  /**
   * Creates {@code schema} if needed and applies the migrations found at {@code locations} to it.
   *
   * @param locations Flyway locations such as {@code classpath:db/bank}
   */
  public static void apply(DataSource database, String schema, List<String> locations) {
    Flyway.configure()
        .dataSource(database)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations(locations.toArray(String[]::new))
        .placeholderReplacement(false)
        .load()
        .migrate();
  }
}
