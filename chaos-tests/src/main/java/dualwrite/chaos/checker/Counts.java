package dualwrite.chaos.checker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checker counted: the clients' operations, the truth's rows, records and checks, and how
 * many transactions each anomaly hit. In {@code verdict.json} it is one object of numbers by name
 * ({@code "ops-invoke": 4, "committed": 3, ..., "lost": 1}), as it always was, so old run folders
 * still read; a name missing there counts 0.
 *
 * @param invoked the clients' requests ({@code ops-invoke}): each {@code record} operation invoked
 * @param ok the requests answered ok ({@code ops-ok})
 * @param failed the requests answered fail ({@code ops-fail})
 * @param info the requests answered info ({@code ops-info}): an error or timeout that says nothing
 *     about the outcome
 * @param committed the transactions committed in the database ({@code committed})
 * @param records the records on the topic, readable or not ({@code records})
 * @param malformedRecords the records on the topic the checker could not read ({@code
 *     malformed-records})
 * @param publishedTransactions the transactions with at least one record on the topic ({@code
 *     published-transactions})
 * @param fraudChecks the fraud service's checks, repeats included ({@code fraud-checks})
 * @param anomalies how many transactions each anomaly hit, by its label ({@code lost}, ...), every
 *     anomaly the checker knew when it wrote the verdict
 */
public record Counts(
    long invoked,
    long ok,
    long failed,
    long info,
    long committed,
    long records,
    long malformedRecords,
    long publishedTransactions,
    long fraudChecks,
    Map<String, Long> anomalies) {

  /** Nothing counted: the counts of a checker that could not read the truth. */
  public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

  static final String INVOKED = "ops-invoke";
  static final String OK = "ops-ok";
  static final String FAILED = "ops-fail";
  static final String INFO = "ops-info";
  static final String COMMITTED = "committed";
  static final String RECORDS = "records";
  static final String MALFORMED_RECORDS = "malformed-records";
  static final String PUBLISHED_TRANSACTIONS = "published-transactions";
  static final String FRAUD_CHECKS = "fraud-checks";

  /** The names of the clients' operations, which the checker wrote only for the types it saw. */
  private static final List<String> OPS = List.of(INVOKED, OK, FAILED, INFO);

  /** The names of everything but the anomalies, in {@code verdict.json}'s order. */
  private static final List<String> NAMES =
      List.of(
          INVOKED,
          OK,
          FAILED,
          INFO,
          COMMITTED,
          RECORDS,
          MALFORMED_RECORDS,
          PUBLISHED_TRANSACTIONS,
          FRAUD_CHECKS);

  public Counts {
    anomalies = anomalies == null ? Map.of() : new LinkedHashMap<>(anomalies);
  }

  /** How many transactions {@code anomaly} hit; 0 when the verdict did not count it. */
  public long of(Anomaly anomaly) {
    return anomalies.getOrDefault(anomaly.label(), 0L);
  }

  /**
   * The counts in {@code verdict.json}'s order, by their names there, anomalies last: the clients'
   * operations only for the types that occurred, the rest always; nothing at all for {@link #NONE}
   * (a checker that counted nothing wrote an empty object).
   */
  @JsonValue
  public Map<String, Long> byName() {
    Map<String, Long> named = new LinkedHashMap<>();
    if (equals(NONE)) {
      return named;
    }
    List<Long> values =
        List.of(
            invoked,
            ok,
            failed,
            info,
            committed,
            records,
            malformedRecords,
            publishedTransactions,
            fraudChecks);
    for (int i = 0; i < NAMES.size(); i++) {
      if (!OPS.contains(NAMES.get(i)) || values.get(i) > 0) {
        named.put(NAMES.get(i), values.get(i));
      }
    }
    named.putAll(anomalies);
    return named;
  }

  /**
   * The counts as {@code verdict.json} holds them: a name missing counts 0, and any name that is
   * none of the others is an anomaly's label.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Counts fromJson(Map<String, Long> named) {
    if (named == null) {
      return NONE;
    }
    Map<String, Long> anomalies = new LinkedHashMap<>(named);
    NAMES.forEach(anomalies::remove);
    return new Counts(
        named.getOrDefault(INVOKED, 0L),
        named.getOrDefault(OK, 0L),
        named.getOrDefault(FAILED, 0L),
        named.getOrDefault(INFO, 0L),
        named.getOrDefault(COMMITTED, 0L),
        named.getOrDefault(RECORDS, 0L),
        named.getOrDefault(MALFORMED_RECORDS, 0L),
        named.getOrDefault(PUBLISHED_TRANSACTIONS, 0L),
        named.getOrDefault(FRAUD_CHECKS, 0L),
        anomalies);
  }
}
