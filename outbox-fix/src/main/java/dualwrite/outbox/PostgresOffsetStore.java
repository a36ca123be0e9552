package dualwrite.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.ledger.TransactionRunner;
import dualwrite.bank.spi.DatabaseTarget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Keeps Debezium's offsets in the run's PostgreSQL database ({@code bank.cdc_offsets}), through the
 * relay's own link, so that a restarted CDC relay resumes where the last one stored its position:
 * it neither loses events nor replays the outbox from the start.
 *
 * <p>Every write is a committed upsert before the engine hears it succeeded; every read goes to the
 * table. A store can be fenced: from then on it writes nothing, as a killed process could not. The
 * engine creates the store itself (by class name), so the relay finds it again through the fence id
 * it put in the engine's configuration.
 */
public final class PostgresOffsetStore implements OffsetBackingStore {

  /** The JDBC URL of the database that holds {@code bank.cdc_offsets}. */
  public static final String URL = "offset.storage.postgres.url";

  public static final String USER = "offset.storage.postgres.user";
  public static final String PASSWORD = "offset.storage.postgres.password";

  /** An id the owner uses to {@link #fence} the stores it configured. */
  public static final String FENCE = "offset.storage.postgres.fence";

  private static final Set<String> FENCED = ConcurrentHashMap.newKeySet();
  private static final Map<String, Set<PostgresOffsetStore>> LIVE = new ConcurrentHashMap<>();

  private static final String READ =
      "SELECT offset_value FROM bank.cdc_offsets WHERE offset_key = :key";

  private static final ResultSetExtractor<String> FIRST_VALUE =
      row -> row.next() ? row.getString(1) : null;

  private static final String WRITE =
      """
      INSERT INTO bank.cdc_offsets (offset_key, offset_value) VALUES (:key, :value)
      ON CONFLICT (offset_key) DO UPDATE
         SET offset_value = EXCLUDED.offset_value, updated_at = clock_timestamp()
      """;

  private DatabaseTarget target;
  private String fenceId;
  private volatile HikariDataSource database;
  private volatile TransactionRunner transactions;
  private volatile NamedParameterJdbcTemplate jdbc;
  private volatile boolean fenced;

  /**
   * Fences every store configured with {@code fenceId}, now and later: they write nothing more and
   * their connections are cut, as if their process had been killed.
   */
  public static void fence(String fenceId) {
    FENCED.add(fenceId);
    LIVE.getOrDefault(fenceId, Set.of()).forEach(PostgresOffsetStore::fenceNow);
  }

  @Override
  public void configure(WorkerConfig config) {
    Map<String, String> settings = config.originalsStrings();
    String url = settings.get(URL);
    if (url == null) {
      throw new ConnectException(URL + " is required");
    }
    target = new DatabaseTarget(url, settings.getOrDefault(USER, ""), settings.get(PASSWORD));
    fenceId = settings.getOrDefault(FENCE, "");
  }

  @Override
  public synchronized void start() {
    database = target.openPool("outbox-cdc-offsets", 1);
    transactions = new TransactionRunner(database);
    jdbc = new NamedParameterJdbcTemplate(database);
    LIVE.compute(
        fenceId,
        (id, stores) -> {
          Set<PostgresOffsetStore> live = stores == null ? ConcurrentHashMap.newKeySet() : stores;
          live.add(this); // inside compute: a store stopping now cannot drop the set under us
          return live;
        });
    if (FENCED.contains(fenceId)) {
      fenceNow();
    }
  }

  @Override
  public synchronized void stop() {
    LIVE.computeIfPresent(
        fenceId,
        (id, stores) -> {
          stores.remove(this);
          return stores.isEmpty() ? null : stores;
        });
    // FENCED keeps the id (a few bytes per killed relay): a store the engine starts late must
    // still find itself fenced
    if (database != null) {
      database.close();
    }
  }

  private void fenceNow() {
    fenced = true;
    HikariDataSource open = database;
    if (open != null) {
      open.close(); // aborts a write under way, as a killed process's socket would
    }
  }

  @Override
  public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
    try {
      checkNotFenced();
      Map<ByteBuffer, ByteBuffer> values =
          transactions.run(
              () -> {
                Map<ByteBuffer, ByteBuffer> read = new HashMap<>();
                for (ByteBuffer key : keys) {
                  read.put(key, bytes(jdbc.query(READ, key(key), FIRST_VALUE)));
                }
                return read;
              });
      return CompletableFuture.completedFuture(values);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new ConnectException("cannot read offsets", e));
    }
  }

  @Override
  public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
    Throwable error = null;
    try {
      checkNotFenced();
      transactions.run(
          () -> {
            jdbc.batchUpdate(WRITE, rows(values));
            checkNotFenced();
            return null;
          });
    } catch (RuntimeException e) {
      error = new ConnectException("cannot store offsets", e);
    }
    if (callback != null) {
      callback.onCompletion(error, null);
    }
    return error == null
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(error);
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of();
  }

  private void checkNotFenced() {
    if (fenced) {
      throw new IllegalStateException("the relay that owns this offset store was killed");
    }
  }

  private static MapSqlParameterSource key(ByteBuffer key) {
    return new MapSqlParameterSource("key", text(key));
  }

  /** The upserts' parameters; an entry without a key is not an offset. */
  private static SqlParameterSource[] rows(Map<ByteBuffer, ByteBuffer> values) {
    return values.entrySet().stream()
        .filter(entry -> entry.getKey() != null)
        .map(
            entry ->
                key(entry.getKey())
                    .addValue(
                        "value",
                        entry.getValue() == null ? null : text(entry.getValue()),
                        Types.VARCHAR))
        .toArray(SqlParameterSource[]::new);
  }

  private static String text(ByteBuffer buffer) {
    return StandardCharsets.UTF_8.decode(buffer.asReadOnlyBuffer()).toString();
  }

  private static ByteBuffer bytes(String text) {
    return text == null ? null : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
