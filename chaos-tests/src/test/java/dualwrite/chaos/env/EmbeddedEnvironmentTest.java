package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Component;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedEnvironmentTest {

  private final LabEnvironment environment = Environments.shared();

  @Test
  void postgresAnswersAsVersion17() throws Exception {
    try (Connection connection = RunDatabases.adminConnection(environment);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW server_version_num")) {
      row.next();
      assertThat(row.getInt(1) / 10000).as("the embedded server is PostgreSQL 17").isEqualTo(17);
    }
  }

  @Test
  void aRecordProducedOnTheBankLinkIsConsumedOnTheDirectListener() throws Exception {
    try (RunSpace run = RunSpace.open(environment, "env-" + shortId(), null)) {
      String value = "hello " + UUID.randomUUID();
      try (KafkaProducer<String, String> producer = producer(run.kafka(Component.BANK))) {
        producer.send(new ProducerRecord<>(run.topics().events(), "acct-1", value)).get();
      }
      try (KafkaConsumer<String, String> consumer = consumer(run.directKafka())) {
        consumer.subscribe(List.of(run.topics().events()));
        List<String> seen = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
                  return seen.contains(value);
                });
      }
    }
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static KafkaProducer<String, String> producer(Map<String, Object> link) {
    Map<String, Object> settings = new HashMap<>(link);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
    return new KafkaProducer<>(settings);
  }

  static KafkaConsumer<String, String> consumer(Map<String, Object> link) {
    Map<String, Object> settings = new HashMap<>(link);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + shortId());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(settings);
  }

  static Connection connect(String url, LabEnvironment environment) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", environment.postgresUser());
    props.setProperty("password", environment.postgresPassword());
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  static List<ConsumerRecord<String, String>> none() {
    return List.of();
  }
}
