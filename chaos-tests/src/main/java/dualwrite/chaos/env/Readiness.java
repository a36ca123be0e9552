package dualwrite.chaos.env;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Waits until a server that was restarted answers again on its direct address. */
final class Readiness {

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static final Duration POLL = Duration.ofMillis(100);

  private Readiness() {}

  static void awaitPostgres(LabEnvironment environment) {
    Polling.Outcome outcome;
    try {
      outcome =
          Polling.until(
              TIMEOUT,
              POLL,
              SQLException.class::isInstance,
              () -> {
                try (Connection connection = RunDatabases.adminConnection(environment)) {
                  return connection.isValid(2);
                }
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
    if (!outcome.done()) {
      throw new IllegalStateException(
          "PostgreSQL did not answer at " + environment.directJdbcUrl("postgres"),
          outcome.failure());
    }
  }

  static void awaitKafka(LabEnvironment environment) {
    Polling.Outcome outcome;
    try (Admin admin = RunTopics.kafkaAdmin(environment)) {
      outcome =
          Polling.until(
              TIMEOUT,
              POLL,
              e -> e instanceof ExecutionException || e instanceof TimeoutException,
              () -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
    if (!outcome.done()) {
      throw new IllegalStateException(
          "Kafka did not answer at " + environment.directKafkaBootstrap(), outcome.failure());
    }
  }
}
