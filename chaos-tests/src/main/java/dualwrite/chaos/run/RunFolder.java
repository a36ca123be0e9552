package dualwrite.chaos.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.History;
import dualwrite.chaos.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The folder a run leaves: {@code <runs>/<strategy>/<variant>/<scenario>/<run-id>/} with {@code
 * scenario.json}, {@code history.jsonl}, {@code verdict.json}, {@code truth.json} (what the checker
 * read) and {@code run.json} (when, where, how long).
 */
public final class RunFolder {

  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Facts about the run beyond the scenario and the verdict.
   *
   * @param idempotentConsumer what older folders recorded instead of {@code consumer}: false when
   *     the fraud service ran without its inbox; null in newer folders, which name the consumer
   * @param brokers how many Kafka brokers the run had; null in older folders (one)
   * @param consumer how the fraud service consumed, a {@link ConsumerMode} label such as {@code
   *     auto-commit}; null in older folders (see {@code idempotentConsumer})
   */
  public record RunInfo(
      String runId,
      String strategy,
      String variant,
      String scenario,
      String backend,
      Instant startedAt,
      Instant healedAt,
      boolean settled,
      long tookMillis,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean idempotentConsumer,
      Integer brokers,
      @JsonInclude(JsonInclude.Include.NON_NULL) String consumer) {

    /** A run as folders recorded it before the consumer had a name. */
    public RunInfo(
        String runId,
        String strategy,
        String variant,
        String scenario,
        String backend,
        Instant startedAt,
        Instant healedAt,
        boolean settled,
        long tookMillis,
        Boolean idempotentConsumer,
        Integer brokers) {
      this(
          runId,
          strategy,
          variant,
          scenario,
          backend,
          startedAt,
          healedAt,
          settled,
          tookMillis,
          idempotentConsumer,
          brokers,
          null);
    }

    /** How many Kafka brokers the run had. */
    @JsonIgnore
    public int brokerCount() {
      return brokers == null ? 1 : brokers;
    }

    /**
     * How the fraud service consumed: the named mode, or in an older folder the inbox flag (without
     * it, non-idempotent).
     *
     * @throws IllegalArgumentException when the folder names a mode this lab does not know
     */
    @JsonIgnore
    public ConsumerMode consumerMode() {
      if (consumer != null) {
        return ConsumerMode.fromLabel(consumer);
      }
      return Boolean.FALSE.equals(idempotentConsumer)
          ? ConsumerMode.NON_IDEMPOTENT
          : ConsumerMode.IDEMPOTENT;
    }

    /**
     * True when the run used the lab's default options, so it belongs in a comparison: a run with a
     * foil of a consumer shows the consumer, not the strategy.
     */
    @JsonIgnore
    public boolean defaultOptions() {
      if (consumer != null) {
        return consumer.equals(ConsumerMode.IDEMPOTENT.label());
      }
      return idempotentConsumer == null || idempotentConsumer;
    }
  }

  private RunFolder() {}

  static Path create(Path runs, String strategy, String variant, String scenario, String runId) {
    Path folder = runs.resolve(strategy).resolve(variant).resolve(scenario).resolve(runId);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run folder " + folder, e);
    }
    return folder;
  }

  static void write(
      Path folder, Scenario scenario, History history, Verdict verdict, Truth truth, RunInfo info) {
    try {
      JSON.writeValue(folder.resolve("scenario.json").toFile(), scenario);
      history.write(folder.resolve("history.jsonl"));
      JSON.writeValue(folder.resolve("verdict.json").toFile(), verdict);
      if (truth != null) {
        JSON.writeValue(folder.resolve("truth.json").toFile(), truth);
      }
      JSON.writeValue(folder.resolve("run.json").toFile(), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + folder, e);
    }
  }

  public static Scenario readScenario(Path folder) {
    return read(folder.resolve("scenario.json"), Scenario.class);
  }

  public static Verdict readVerdict(Path folder) {
    return read(folder.resolve("verdict.json"), Verdict.class);
  }

  public static Truth readTruth(Path folder) {
    return read(folder.resolve("truth.json"), Truth.class);
  }

  public static RunInfo readInfo(Path folder) {
    return read(folder.resolve("run.json"), RunInfo.class);
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
