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

  private Readiness() {}

  static void awaitPostgres(LabEnvironment environment) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try (Connection connection = RunSpace.adminConnection(environment)) {
        if (connection.isValid(2)) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "PostgreSQL did not answer at " + environment.directJdbcUrl("postgres"), e);
        }
      }
      pause();
    }
  }

  static void awaitKafka(LabEnvironment environment) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (Admin admin = RunSpace.kafkaAdmin(environment)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka did not answer at " + environment.directKafkaBootstrap(), e);
          }
        }
        pause();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }
}
