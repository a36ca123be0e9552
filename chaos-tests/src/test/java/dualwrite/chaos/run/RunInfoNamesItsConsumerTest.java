package dualwrite.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.bank.fraud.ConsumerMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.json names the fraud service's consumer; folders written before it had a name said only
 * whether the inbox was on, and still read.
 */
class RunInfoNamesItsConsumerTest {

  private static final String OLDER =
      """
      {"runId":"r","strategy":"outbox","variant":"polling","scenario":"no-fault",
       "backend":"embedded","startedAt":"2026-11-27T10:00:00Z","settled":true,"tookMillis":1%s}
      """;

  @Test
  void aFolderWrittenNowNamesTheConsumerAndReadsItBack(@TempDir Path folder) throws IOException {
    RunFolder.RunInfo written =
        new RunFolder.RunInfo(
            "r",
            "outbox",
            "polling",
            "fraud-commit-fails",
            "embedded",
            Instant.parse("2026-11-27T10:00:00Z"),
            null,
            true,
            1,
            null,
            1,
            ConsumerMode.AUTO_COMMIT.label());
    RunFolder.JSON.writeValue(folder.resolve("run.json").toFile(), written);

    assertThat(Files.readString(folder.resolve("run.json")))
        .contains("\"consumer\" : \"auto-commit\"")
        .doesNotContain("idempotentConsumer");
    RunFolder.RunInfo read = RunFolder.readInfo(folder);
    assertThat(read).isEqualTo(written);
    assertThat(read.consumerMode()).isEqualTo(ConsumerMode.AUTO_COMMIT);
    assertThat(read.defaultOptions()).as("a foil stays out of the comparison").isFalse();
  }

  @Test
  void theDefaultConsumerBelongsInTheComparison(@TempDir Path folder) throws IOException {
    write(folder, "{\"consumer\":\"idempotent\",\"runId\":\"r\",\"settled\":true}");
    RunFolder.RunInfo read = RunFolder.readInfo(folder);
    assertThat(read.consumerMode()).isEqualTo(ConsumerMode.IDEMPOTENT);
    assertThat(read.defaultOptions()).isTrue();
  }

  @Test
  void anOlderFolderWithoutItsInboxReadsAsNonIdempotent(@TempDir Path folder) throws IOException {
    write(folder, OLDER.formatted(",\"idempotentConsumer\":false,\"brokers\":1"));
    RunFolder.RunInfo read = RunFolder.readInfo(folder);
    assertThat(read.consumerMode()).isEqualTo(ConsumerMode.NON_IDEMPOTENT);
    assertThat(read.defaultOptions()).isFalse();
  }

  @Test
  void anOlderFolderWithItsInboxOrWithoutTheFlagReadsAsIdempotent(@TempDir Path folder)
      throws IOException {
    write(folder, OLDER.formatted(",\"idempotentConsumer\":true"));
    assertThat(RunFolder.readInfo(folder).consumerMode()).isEqualTo(ConsumerMode.IDEMPOTENT);
    assertThat(RunFolder.readInfo(folder).defaultOptions()).isTrue();

    write(folder, OLDER.formatted(""));
    assertThat(RunFolder.readInfo(folder).consumerMode()).isEqualTo(ConsumerMode.IDEMPOTENT);
    assertThat(RunFolder.readInfo(folder).defaultOptions()).isTrue();
  }

  @Test
  void aConsumerThisLabDoesNotKnowIsNamedNotGuessed(@TempDir Path folder) throws IOException {
    write(folder, "{\"consumer\":\"exactly-once\",\"runId\":\"r\",\"settled\":true}");
    RunFolder.RunInfo read = RunFolder.readInfo(folder);
    assertThat(read.defaultOptions()).as("not the default, whatever it is").isFalse();
    assertThatThrownBy(read::consumerMode)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown consumer 'exactly-once'");
  }

  private static void write(Path folder, String json) throws IOException {
    Files.writeString(folder.resolve("run.json"), json);
  }
}
