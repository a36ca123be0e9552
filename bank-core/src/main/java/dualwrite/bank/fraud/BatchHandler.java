package dualwrite.bank.fraud;

import dualwrite.bank.TransactionRecorded;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the fraud service does with each batch it polls, when someone else writes it: the workshop's
 * inbox exercise ({@code dualwrite.workshop.FraudInbox}, found through {@link
 * java.util.ServiceLoader} in the consumer mode {@link ConsumerMode#WORKSHOP}). The lab keeps the
 * rest of the service: it reads every partition, polls, parks malformed records on the dead-letter
 * topic, and reads a batch again when the handler throws.
 */
public interface BatchHandler {

  /**
   * Checks one polled batch and commits its offsets.
   *
   * @param batch the batch's events in the order Kafka delivered them, each with where it came from
   * @param database the fraud service's database, through its link; its connections start with
   *     auto-commit off
   * @param offsets commits Kafka offsets for the fraud service's consumer group
   * @throws Exception when the batch could not be handled: the lab reads it again from its first
   *     offsets after a pause, and calls this again
   */
  void handle(List<Delivery> batch, DataSource database, Offsets offsets) throws Exception;

  /** One event as Kafka delivered it. */
  record Delivery(TransactionRecorded event, TopicPartition partition, long offset) {}

  /** The consumer's {@code commitSync}: from now on the group reads from these offsets. */
  @FunctionalInterface
  interface Offsets {
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);
  }
}
