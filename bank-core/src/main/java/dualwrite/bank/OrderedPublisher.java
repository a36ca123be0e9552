package dualwrite.bank;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Publishes items in order, as Kafka records, and waits for Kafka's answers: with {@link
 * KafkaSettings#reliableProducer} that is {@code acks=all} and the idempotent producer, so an item
 * counts as published only once Kafka has it.
 *
 * <p>Order needs care on failure. Within one producer session Kafka appends an account's records in
 * order and without gaps. A gap opens when the application lets a later record through after an
 * earlier one failed: a {@code send} that threw while the broker was away, then a later one that
 * went through once it was back; or a batch that expired while a later one, retried under a new
 * producer epoch, landed. Either way the item is published again after the later one is on the
 * topic. So nothing is sent after the first failed {@code send}, and at the first failed
 * acknowledgement the producer closes at once, on its own thread, dropping everything queued
 * behind; it is then broken, and {@link #renewIfBroken} gives the next batch a fresh one. (Found by
 * the fault catalogue's broker-kill scenario, which showed an account's second event published
 * before its first.)
 *
 * @param <T> what it publishes
 */
public final class OrderedPublisher<T> implements AutoCloseable {

  /** Longer than the producer's delivery timeout: the producer always answers first. */
  private static final long ACK_WAIT_MS = KafkaSettings.DELIVERY_TIMEOUT_MS + 2000L;

  private final Map<String, Object> settings;
  private final Function<T, ProducerRecord<String, byte[]>> toRecord;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile boolean broken;
  private volatile boolean closed;

  /**
   * @param settings the producer's settings, also for every fresh producer after a failure
   * @param toRecord the record an item becomes: its key decides the partition, and so the order
   */
  public OrderedPublisher(
      Map<String, Object> settings, Function<T, ProducerRecord<String, byte[]>> toRecord) {
    this.settings = settings;
    this.toRecord = toRecord;
    this.producer = new KafkaProducer<>(settings);
  }

  /** What became of one item: acknowledged, or not, and why. */
  public record Answer<T>(T item, Exception failure) {

    public boolean acknowledged() {
      return failure == null;
    }
  }

  /**
   * Sends the items in order and waits for Kafka's answer to each.
   *
   * @return one answer per item, in their order
   */
  public List<Answer<T>> publish(List<T> items) throws InterruptedException {
    return answers(items, send(items));
  }

  /**
   * Waits for Kafka's answer to each item {@link #send} sent, so that a caller can do other work
   * while the acknowledgements come back.
   *
   * @param items the items, as given to {@link #send}
   * @param acks what {@link #send} returned for them
   * @return one answer per item, in their order
   */
  public List<Answer<T>> answers(List<T> items, List<Future<RecordMetadata>> acks)
      throws InterruptedException {
    List<Answer<T>> answers = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      answers.add(new Answer<>(items.get(i), await(acks.get(i))));
    }
    return answers;
  }

  private static Exception await(Future<RecordMetadata> ack) throws InterruptedException {
    try {
      ack.get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return e;
    }
  }

  /**
   * Sends the items in order without waiting: one future per item. After a failed one, or once the
   * producer broke, the rest fail without being sent.
   */
  public List<Future<RecordMetadata>> send(List<T> items) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(items.size());
    KafkaException refused = null;
    for (T item : items) {
      if (refused != null || broken) {
        // nothing after a failed item may go out, or it could land before the item's retry
        acks.add(CompletableFuture.failedFuture(refused != null ? refused : notSent()));
        continue;
      }
      try {
        acks.add(producer.send(toRecord.apply(item), this::closeOnFailure));
      } catch (KafkaException e) {
        refused = e;
        acks.add(CompletableFuture.failedFuture(e));
      } catch (IllegalStateException e) {
        // the producer's own thread closed it after a failed record, since the check above
        refused = new KafkaException("the producer closed after a failed record", e);
        acks.add(CompletableFuture.failedFuture(refused));
      }
    }
    return acks;
  }

  private static KafkaException notSent() {
    return new KafkaException("not sent: an earlier record of this batch failed");
  }

  /** Runs on the producer's thread: stop everything queued behind a failed record. */
  private void closeOnFailure(RecordMetadata metadata, Exception error) {
    if (error != null && !broken) {
      broken = true;
      producer.close(Duration.ZERO);
    }
  }

  /** A fresh producer when a failure closed the last one (and this publisher is not closed). */
  public synchronized void renewIfBroken() {
    if (broken && !closed) {
      producer = new KafkaProducer<>(settings);
      broken = false;
    }
  }

  /**
   * Dies: records not yet acknowledged are dropped with the producer's buffer. Never throws: a kill
   * may come from a thread that is interrupted already, and the producer's close then stops waiting
   * for its I/O thread (which stops all the same) with an {@link InterruptException} that sets the
   * interrupt flag again for the caller.
   */
  public synchronized void kill() {
    closed = true;
    try {
      producer.close(Duration.ZERO);
    } catch (InterruptException e) {
      // the interrupt flag is set again; the caller is leaving anyway
    }
  }

  /** Sends what is buffered, for a few seconds at most. */
  @Override
  public synchronized void close() {
    closed = true;
    producer.close(Duration.ofSeconds(5));
  }
}
