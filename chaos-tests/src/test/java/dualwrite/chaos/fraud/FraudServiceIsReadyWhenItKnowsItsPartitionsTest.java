package dualwrite.chaos.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
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
import dualwrite.chaos.env.Environments;
import dualwrite.chaos.env.PoolSessions;
import dualwrite.chaos.env.RunSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The fraud service is ready only once it knows where it reads from in every partition of the
 * events topic: the moment {@code awaitReady} returns, the broker holds its group's position on
 * each partition, and an event sent then is checked. (Were readiness to mean "the thread was
 * started", the group would have no position yet: the consumer first asks for the partitions, then
 * for its committed offsets.) Its database connection is open by then too: the first batch of a run
 * used to open it, and every event behind that batch waited as well.
 */
class FraudServiceIsReadyWhenItKnowsItsPartitionsTest {

  @Test
  void theGroupHoldsAPositionOnEveryPartitionTheMomentTheServiceIsReady() throws Exception {
    try (RunSpace run = RunSpace.open(Environments.shared(), "fraud-ready-" + shortId(), null);
        Admin admin = Admin.create(run.directKafka())) {
      try (HikariDataSource direct = run.directDatabase().openPool("setup", 2)) {
        SchemaMigrations.apply(direct, SchemaMigrations.FRAUD, SchemaMigrations.FRAUD_MIGRATIONS);
      }
      // also warms the admin client up, so that the look after awaitReady takes milliseconds
      assertThat(positions(admin, run))
          .as("before its start the service's group holds no position")
          .isEmpty();
      FraudDetectionService fraud =
          new FraudDetectionService(run, new Crashes(), ConsumerMode.IDEMPOTENT, FraudRule.DEFAULT);
      long starting = System.nanoTime();
      fraud.start();
      try {
        fraud.awaitReady(Duration.ofSeconds(60));
        long readyMs = (System.nanoTime() - starting) / 1_000_000;
        Map<TopicPartition, OffsetAndMetadata> positions = positions(admin, run);
        assertThat(positions.keySet())
            .as("the group holds a position on every partition of the events topic")
            .containsExactlyInAnyOrderElementsOf(eventPartitions(run));
        assertThat(positions.values())
            .as("each at the beginning: the service has read nothing yet")
            .allSatisfy(position -> assertThat(position.offset()).isZero());
        assertThat(PoolSessions.of(run, "fraud"))
            .as("the service's database connection is open before it says it is ready")
            .isEqualTo(1);

        TransactionRecorded event =
            TransactionRecorded.of(
                TransactionRequest.of("acct-1", TransactionType.PURCHASE, 4000, "EUR"),
                UUID.randomUUID(),
                Instant.now(),
                1);
        try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaSettings.reliableProducer(run.directKafka(), "test"))) {
          producer.send(EventRecords.toRecord(run.topics().events(), event)).get();
        }
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> FraudChecks.transactions(run).contains(event.transactionId()));
        System.out.printf("fraud service: ready %d ms after its start%n", readyMs);
      } finally {
        fraud.stop();
      }
    }
  }

  /** The positions the broker holds for the fraud service's group. */
  private static Map<TopicPartition, OffsetAndMetadata> positions(Admin admin, RunSpace run)
      throws Exception {
    return admin
        .listConsumerGroupOffsets(FraudDetectionService.groupId(run))
        .partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS);
  }

  private static List<TopicPartition> eventPartitions(RunSpace run) {
    return IntStream.range(0, RunSpace.EVENT_PARTITIONS)
        .mapToObj(p -> new TopicPartition(run.topics().events(), p))
        .toList();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
