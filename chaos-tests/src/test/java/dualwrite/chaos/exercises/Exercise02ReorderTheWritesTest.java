package dualwrite.chaos.exercises;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exercise 2: publish first, then commit; the predictions hold when real runs bear them out. */
@Tag("exercise")
class Exercise02ReorderTheWritesTest {

  @Test
  void thePredictionsMatchRealRuns() {
    new Predictions(Answers.of("02"))
        .expect("db-then-kafka.commit-fails", "naive/db-then-kafka", "commit-fails")
        .expect("kafka-then-db.commit-fails", "naive/kafka-then-db", "commit-fails")
        .expect("kafka-then-db.crash-after-publish", "naive/kafka-then-db", "crash-after-publish")
        .expect("db-then-kafka.bank-kafka-down", "naive/db-then-kafka", "bank-kafka-down")
        .expect("kafka-then-db.bank-kafka-down", "naive/kafka-then-db", "bank-kafka-down")
        .runAndCompare();
  }
}
