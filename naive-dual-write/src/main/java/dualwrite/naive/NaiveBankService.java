package dualwrite.naive;

import dualwrite.bank.Component;
import dualwrite.bank.KafkaSettings;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.crash.Tripwire;
import dualwrite.bank.spi.BankService;
import dualwrite.bank.spi.Connections;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The naive bank component: each start opens a pool and a producer, both through its links. */
final class NaiveBankService extends BankService<NaiveBank> {

  private final NaiveVariant variant;
  private final Connections connections;

  NaiveBankService(NaiveVariant variant, Connections connections, Crashes crashes) {
    super(crashes, NaiveCrashPoints.of(variant));
    this.variant = variant;
    this.connections = connections;
  }

  @Override
  protected NaiveBank launch(Tripwire tripwire) {
    Map<String, Object> settings =
        KafkaSettings.reliableProducer(connections.kafka(Component.BANK), "naive-bank");
    if (variant == NaiveVariant.FIRE_AND_FORGET) {
      // Code that does not wait for Kafka is usually tuned for throughput: bigger batches.
      settings.put(ProducerConfig.LINGER_MS_CONFIG, 100);
    }
    NaiveBank.Parts parts =
        new NaiveBank.Parts(
            connections.database(Component.BANK).openPool("naive-bank", 8),
            new KafkaProducer<>(settings),
            connections.topics().events(),
            tripwire);
    return switch (variant) {
      case DB_THEN_KAFKA -> new DbThenKafka(parts);
      case KAFKA_THEN_DB -> new KafkaThenDb(parts);
      case SEND_IN_TRANSACTION -> new SendInTransaction(parts);
      case FIRE_AND_FORGET -> new FireAndForget(parts);
    };
  }
}
