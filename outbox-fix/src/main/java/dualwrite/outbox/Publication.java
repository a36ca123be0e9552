package dualwrite.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of one batch: the rows Kafka acknowledged and the rows it did not, with the reason.
 */
final class Publication {

  private final List<OutboxRow> published = new ArrayList<>();
  private final Map<Long, Throwable> failures = new LinkedHashMap<>();
  private final List<Long> poison = new ArrayList<>();

  void published(OutboxRow row) {
    published.add(row);
  }

  void failed(OutboxRow row, Throwable error) {
    Throwable cause = Poison.unwrap(error);
    failures.put(row.id(), cause);
    if (Poison.isPoison(cause)) {
      poison.add(row.id());
    }
  }

  List<OutboxRow> published() {
    return published;
  }

  List<Long> publishedIds() {
    return published.stream().map(OutboxRow::id).toList();
  }

  Map<Long, Throwable> failures() {
    return failures;
  }

  List<Long> poison() {
    return poison;
  }

  /** True when some row failed for a reason that passes: the relay should back off. */
  boolean hasPassingFailures() {
    return failures.size() > poison.size();
  }

  /** One of the failures, to log. */
  Throwable anyFailure() {
    return failures.values().stream().findFirst().orElse(null);
  }
}
