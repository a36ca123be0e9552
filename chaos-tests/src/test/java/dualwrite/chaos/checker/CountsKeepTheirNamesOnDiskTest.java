package dualwrite.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dualwrite.chaos.run.RunFolder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed counts are written and read by the names verdict.json always had. */
class CountsKeepTheirNamesOnDiskTest {

  @Test
  void countsAreWrittenByTheirOldNamesAndReadBack() throws Exception {
    Map<String, Long> anomalies = new LinkedHashMap<>();
    anomalies.put("lost", 1L);
    anomalies.put("phantom", 0L);
    Counts counts = new Counts(4, 2, 1, 0, 3, 3, 0, 2, 2, anomalies);

    String json = RunFolder.JSON.writeValueAsString(counts);
    Map<String, Long> named = RunFolder.JSON.readValue(json, new TypeReference<>() {});

    assertThat(named)
        .as("the clients' operations only for the types that occurred, anomalies last")
        .containsExactly(
            Map.entry("ops-invoke", 4L),
            Map.entry("ops-ok", 2L),
            Map.entry("ops-fail", 1L),
            Map.entry("committed", 3L),
            Map.entry("records", 3L),
            Map.entry("malformed-records", 0L),
            Map.entry("published-transactions", 2L),
            Map.entry("fraud-checks", 2L),
            Map.entry("lost", 1L),
            Map.entry("phantom", 0L));
    assertThat(RunFolder.JSON.readValue(json, Counts.class)).isEqualTo(counts);
    assertThat(counts.of(Anomaly.LOST)).isEqualTo(1L);
    assertThat(counts.of(Anomaly.LATE)).as("not counted: 0").isZero();
  }

  @Test
  void aVerdictThatCountedNothingWritesAnEmptyObject() throws Exception {
    String json = RunFolder.JSON.writeValueAsString(Verdict.unknown("no truth"));
    assertThat(json).containsPattern("\"counts\"\\s*:\\s*\\{\\s*}");
    assertThat(RunFolder.JSON.readValue(json, Verdict.class).counts()).isEqualTo(Counts.NONE);
  }
}
