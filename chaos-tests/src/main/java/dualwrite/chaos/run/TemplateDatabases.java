package dualwrite.chaos.run;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.ledger.SchemaMigrations;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.RunSpace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Migrated template databases, one per set of migrations. Running Flyway for every run would cost a
 * few hundred milliseconds each time; copying a migrated template costs a fraction of that.
 */
final class TemplateDatabases {

  private final Map<List<String>, String> created = new HashMap<>();

  /** The name of a database migrated with {@code bank} and the fraud service's schema. */
  synchronized String forMigrations(LabEnvironment environment, List<String> bank) {
    String existing = created.get(bank);
    if (existing != null) {
      return existing;
    }
    // Unique among every runner on these servers: two runners in one JVM each have templates.
    String name =
        "tpl-"
            + Integer.toHexString(bank.hashCode() & 0x7fffffff)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    RunSpace template = RunSpace.openDatabaseOnly(environment, name);
    // Flyway holds one connection for its lock and works on another.
    try (HikariDataSource direct = template.directDatabase().openPool("template", 4)) {
      SchemaMigrations.apply(direct, SchemaMigrations.BANK, bank);
      SchemaMigrations.apply(direct, SchemaMigrations.FRAUD, SchemaMigrations.FRAUD_MIGRATIONS);
    } catch (RuntimeException e) {
      template.close();
      throw e;
    }
    created.put(bank, template.database());
    return template.database();
  }
}
