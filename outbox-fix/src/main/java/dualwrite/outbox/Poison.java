package dualwrite.outbox;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a record Kafka will never take (a poison) from a failure that passes (a cut link, a broker
 * away). Retrying a poison forever would block every row behind it; parking a passing failure would
 * drop a good event. So only these refusals of the record itself count towards parking.
 */
final class Poison {

  private Poison() {}

  static boolean isPoison(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof RecordTooLargeException
        || cause instanceof RecordBatchTooLargeException
        || cause instanceof InvalidRecordException
        || cause instanceof SerializationException;
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof ExecutionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
