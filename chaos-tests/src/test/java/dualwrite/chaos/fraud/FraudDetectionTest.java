package dualwrite.chaos.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dualwrite.bank.EventJson;
import dualwrite.bank.EventRecords;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.TransactionRecorded;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.fraud.ConsumerMode;
import dualwrite.bank.fraud.FraudDetectionService;
import dualwrite.bank.fraud.FraudRule;
import dualwrite.bank.ledger.SchemaMigrations;
import dualwrite.chaos.LabRuns;
import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Truth;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.RunSpace;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.run.RunOptions;
import dualwrite.chaos.run.RunResult;
import dualwrite.chaos.scenario.FraudScenarios;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.ScenarioBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The fraud service is an idempotent consumer; without its inbox, redelivery shows. */
class FraudDetectionTest {

  @Test
  void withoutItsInboxTheFraudServiceChecksARedeliveredBatchTwice() {
    IdsAtTheCrash atTheCrash = checksAtTheCrash();
    RunResult result =
        LabRuns.run(
            "naive/db-then-kafka",
            fraudCrashAfterCommit(),
            RunOptions.DEFAULT
                .withConsumer(ConsumerMode.NON_IDEMPOTENT)
                .withCrashWitness(atTheCrash));

    LabRuns.assertVerdict(result, Validity.INVALID);
    List<UUID> batch = committedBatch(atTheCrash, result);
    assertThat(result.verdict().of(Anomaly.PROCESSED_TWICE))
        .as(
            "exactly the batch committed before the crash %s was checked again after the restart",
            batch)
        .containsExactlyInAnyOrderElementsOf(batch);
    assertThat(checksPerTransaction(result))
        .as("the batch committed before the crash is checked twice, every other transaction once")
        .isEqualTo(expectedChecks(result, batch, 2));
    assertThat(result.verdict().found())
        .as("nothing else is wrong: the events were delivered once, and processed twice")
        .containsExactly(Anomaly.PROCESSED_TWICE);
  }

  @Test
  void withItsInboxTheFraudServiceChecksEachTransactionOnceDespiteRedelivery() {
    IdsAtTheCrash atTheCrash = checksAtTheCrash();
    RunResult result =
        LabRuns.run(
            "naive/db-then-kafka",
            fraudCrashAfterCommit(),
            RunOptions.DEFAULT.withCrashWitness(atTheCrash));

    LabRuns.assertVerdict(result, Validity.VALID);
    assertThat(result.verdict().found()).as(result.summary()).isEmpty();
    List<UUID> batch = committedBatch(atTheCrash, result);
    assertThat(checksPerTransaction(result))
        .as("one check per committed transaction, the redelivered batch %s included", batch)
        .isEqualTo(expectedChecks(result, batch, 1));
  }

  @Test
  void aMalformedRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
    var environment = Environments.shared();
    try (RunSpace run = RunSpace.open(environment, "fraud-" + shortId(), null)) {
      FraudDetectionService fraud = idempotentFraudServiceOn(run);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(KafkaSettings.reliableProducer(run.directKafka(), "test"))) {
        producer.send(new ProducerRecord<>(run.topics().events(), "acct-1", bytes("not json")));
        producer.send(
            new ProducerRecord<>(run.topics().events(), "acct-1", bytes("{\"schemaVersion\":99}")));
        TransactionRecorded good = purchase("acct-1", 1);
        producer.send(EventRecords.toRecord(run.topics().events(), good)).get();

        awaitOnlyChecked(run, good, "the good event after the bad ones was checked");
        List<String> reasons = deadLetterReasons(run, 2);
        assertThat(reasons)
            .as("both malformed records are on the dead-letter topic, each with its reason")
            .hasSize(2)
            .anySatisfy(reason -> assertThat(reason).startsWith("not JSON"))
            .anySatisfy(reason -> assertThat(reason).contains("unknown schemaVersion 99"));
        assertThat(EventJson.read(EventJson.write(good))).isEqualTo(good);
      } finally {
        fraud.stop();
      }
    }
  }

  @Test
  void anEventTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheOthersAreChecked() throws Exception {
    var environment = Environments.shared();
    try (RunSpace run = RunSpace.open(environment, "fraud-" + shortId(), null)) {
      FraudDetectionService fraud = idempotentFraudServiceOn(run);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(KafkaSettings.reliableProducer(run.directKafka(), "test"))) {
        // Well-formed JSON of a valid shape, but PostgreSQL refuses text holding a NUL character:
        // retrying it can never succeed, and it must not hold back the event behind it.
        TransactionRecorded refused = purchase("acct-1", 1);
        String json =
            new String(EventJson.write(refused), StandardCharsets.UTF_8)
                .replace("\"accountId\":\"acct-1\"", "\"accountId\":\"acct-\\u0000\"");
        assertThat(json).as("the test's own setup").contains("acct-\\u0000");
        producer.send(new ProducerRecord<>(run.topics().events(), "acct-1", bytes(json)));
        TransactionRecorded good = purchase("acct-1", 2);
        producer.send(EventRecords.toRecord(run.topics().events(), good)).get();

        awaitOnlyChecked(
            run, good, "the good event behind the refused one was checked, and only it");
        assertThat(deadLetterReasons(run, 1))
            .as("the refused event is parked once, with the database's reason")
            .singleElement()
            .satisfies(reason -> assertThat(reason).startsWith("cannot be checked: "));
        assertThat(fraud.isUp()).as("the service is still consuming").isTrue();
      } finally {
        fraud.stop();
      }
    }
  }

  /** The fraud service with its inbox, started alone on the run's own schema. */
  private static FraudDetectionService idempotentFraudServiceOn(RunSpace run) {
    try (HikariDataSource direct = run.directDatabase().openPool("setup", 4)) {
      SchemaMigrations.apply(direct, SchemaMigrations.FRAUD, SchemaMigrations.FRAUD_MIGRATIONS);
    }
    FraudDetectionService fraud =
        new FraudDetectionService(run, new Crashes(), ConsumerMode.IDEMPOTENT, FraudRule.DEFAULT);
    fraud.start();
    return fraud;
  }

  private static TransactionRecorded purchase(String account, long sequence) {
    return TransactionRecorded.of(
        TransactionRequest.of(account, TransactionType.PURCHASE, 4000, "EUR"),
        UUID.randomUUID(),
        Instant.now(),
        sequence);
  }

  /**
   * The catalogue's fraud-crash-after-commit, with more time for the crash. The catalogue gives the
   * service half a second to reach its crash point; on a loaded machine it can get there only after
   * the run healed everything, which disarms the point, and then the run shows nothing.
   */
  private static Scenario fraudCrashAfterCommit() {
    Scenario catalogue = FraudScenarios.fraudCrashAfterCommit();
    return ScenarioBuilder.scenario(catalogue.name(), catalogue.description())
        .crash("fraud", "after-db-commit", 1)
        .records(4, 2)
        .awaitClients()
        .waitMillis(3000)
        .restart("fraud")
        .records(2, 2)
        .build();
  }

  /**
   * The fraud checks committed at the instant the service died at after-db-commit. The point is
   * armed before the first event, so it fires on the first batch: these checks are that batch,
   * committed in the database and not yet in Kafka's offsets, the batch Kafka delivers again.
   */
  private static IdsAtTheCrash checksAtTheCrash() {
    return new IdsAtTheCrash(
        FraudDetectionService.AFTER_DB_COMMIT,
        "SELECT DISTINCT transaction_id FROM fraud.fraud_checks");
  }

  /** The batch; fails the test when the service never died there with a committed batch. */
  private static List<UUID> committedBatch(IdsAtTheCrash atTheCrash, RunResult result) {
    List<UUID> batch = atTheCrash.ids(result);
    assertThat(batch)
        .as(
            "the fraud service died at after-db-commit with a committed batch: %s, in %s",
            result.summary(), result.folder())
        .isNotEmpty();
    return batch;
  }

  /** How many fraud checks each transaction got, from the run's truth. */
  private static Map<UUID, Long> checksPerTransaction(RunResult result) {
    return RunFolder.readTruth(result.folder()).checks().stream()
        .collect(Collectors.groupingBy(Truth.Checked::transactionId, Collectors.counting()));
  }

  /** Every committed transaction checked once, and those of the batch {@code batchChecks} times. */
  private static Map<UUID, Long> expectedChecks(
      RunResult result, List<UUID> batch, long batchChecks) {
    Map<UUID, Long> expected = new HashMap<>();
    for (Truth.Committed committed : RunFolder.readTruth(result.folder()).committed()) {
      UUID id = committed.transactionId();
      expected.put(id, batch.contains(id) ? batchChecks : 1L);
    }
    return expected;
  }

  private static void awaitOnlyChecked(RunSpace run, TransactionRecorded good, String claim) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(FraudChecks.transactions(run))
                    .as(claim)
                    .containsExactly(good.transactionId()));
  }

  private static List<String> deadLetterReasons(RunSpace run, int expected) {
    Map<String, Object> settings = new HashMap<>(run.directKafka());
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + shortId());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
      consumer.subscribe(List.of(run.topics().deadLetters()));
      // exactly the expected letters, and still no more a second later: a letter sent twice shows
      await()
          .atMost(Duration.ofSeconds(20))
          .during(Duration.ofSeconds(1))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(100))) {
                  reasons.add(
                      new String(
                          record.headers().lastHeader("dlt-reason").value(),
                          StandardCharsets.UTF_8));
                }
                return reasons.size() == expected;
              });
    }
    return reasons;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
