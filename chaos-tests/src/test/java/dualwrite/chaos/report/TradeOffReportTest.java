package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trade-off in the report, from fake run folders: under the same Kafka outage the naive bank
 * refused a third of its customers and lost an event, the outbox accepted them all and its fraud
 * service caught up 2.9 s after the heal. Every page that shows a run shows both figures.
 */
class TradeOffReportTest {

  @TempDir Path dir;
  private Path runs;

  @BeforeEach
  void twoVariantsUnderBrokerKillAndAnOldRun() {
    runs = dir.resolve("runs");
    new FakeRunFolder()
        .pair("naive/db-then-kafka")
        .scenario("broker-kill", "Kafka is killed.")
        .lost()
        .tradeOff(12, 8, 681L)
        .writeUnder(runs);
    new FakeRunFolder()
        .pair("outbox/polling")
        .scenario("broker-kill", "Kafka is killed.")
        .tradeOff(12, 12, 2900L)
        .writeUnder(runs);
    new FakeRunFolder()
        .pair("naive/db-then-kafka")
        .scenario("bank-kafka-down", "The bank loses Kafka.")
        .lost()
        .unmeasured()
        .writeUnder(runs);
    new FakeRunFolder().pair("outbox/polling").tradeOff(30, 30, null).writeUnder(runs);
  }

  @Test
  void resultsJsonCarriesBothFiguresAndNullForAVerdictThatPredatesThem() throws IOException {
    Report.write(runs, dir.resolve("report"));

    JsonNode results = new ObjectMapper().readTree(dir.resolve("report/results.json").toFile());
    JsonNode naive = run(results, "naive", "broker-kill");
    assertThat(naive.path("availability").asDouble()).isEqualTo(8.0 / 12);
    assertThat(naive.path("delayAfterHealMs").asLong()).isEqualTo(681);
    JsonNode outbox = run(results, "outbox", "broker-kill");
    assertThat(outbox.path("availability").asDouble()).isEqualTo(1.0);
    assertThat(outbox.path("delayAfterHealMs").asLong()).isEqualTo(2900);
    JsonNode old = run(results, "naive", "bank-kafka-down");
    assertThat(old.has("availability")).as("the field is there: " + old).isTrue();
    assertThat(old.path("availability").isNull()).as("and null: not measured").isTrue();
    assertThat(old.path("delayAfterHealMs").isNull()).isTrue();
    JsonNode noFault = run(results, "outbox", "no-fault");
    assertThat(noFault.path("availability").asDouble()).isEqualTo(1.0);
    assertThat(noFault.path("delayAfterHealMs").isNull()).as("nothing was broken").isTrue();
  }

  @Test
  void theTradeOffTableSetsRefusedAgainstDelayedForEachFault() throws IOException {
    String index = Files.readString(Report.write(runs, dir.resolve("report")));

    String table = between(index, "<table id=\"trade-off-table\">", "</table>");
    assertThat(headers(table))
        .as("a column per variant that ran a fault")
        .containsExactly("fault", "naive/db-then-kafka", "outbox/polling");
    List<String> brokerKill = cells(row(table, "broker-kill"));
    assertThat(brokerKill.get(0))
        .as("the naive bank refused a third and lost an event")
        .contains("refused 4 of 12")
        .contains("lost 1; the rest caught up 681 ms after the heal")
        .contains("avail-some")
        .contains("delay-never");
    assertThat(brokerKill.get(1))
        .as("the outbox accepted all and delivered later")
        .contains("accepted all 12")
        .contains("caught up 2.90 s after the heal")
        .contains("avail-all")
        .contains("delay-long");
    List<String> bankKafkaDown = cells(row(table, "bank-kafka-down"));
    assertThat(bankKafkaDown.get(0))
        .as("a verdict from before the figures: no availability, but its anomaly")
        .contains("<div class=\"customers avail-none\">\u2014</div>")
        .contains("lost 1");
    assertThat(bankKafkaDown.get(1))
        .as("the outbox never ran it: it does not apply")
        .contains("class=\"none\"")
        .doesNotContain("href");
    assertThat(table).as("no-fault has no heal to be delayed by").doesNotContain(">no-fault<");
  }

  @Test
  void theMatrixSwitchesBetweenVerdictsAvailabilityAndDelayWithoutAScript() throws IOException {
    String index = Files.readString(Report.write(runs, dir.resolve("report")));

    String catalogue = between(index, "<section id=\"catalogue\">", "</section>");
    assertThat(catalogue)
        .as("three radio buttons, the verdicts checked, each with its label")
        .contains("id=\"view-verdicts\" class=\"view-switch\" checked")
        .contains("id=\"view-availability\" class=\"view-switch\">")
        .contains("id=\"view-delay\" class=\"view-switch\">")
        .contains("<label for=\"view-verdicts\">")
        .contains("<label for=\"view-availability\">")
        .contains("<label for=\"view-delay\">");
    assertThat(index.indexOf("id=\"view-delay\""))
        .as("the switch comes before the matrix, so that CSS can reach it")
        .isLessThan(index.indexOf("id=\"matrix\""));
    assertThat(index).as("no script: the report stays a static page").doesNotContain("<script");
    String naive = cells(row(catalogue, "naive/db-then-kafka")).get(scenarioColumn(catalogue));
    assertThat(naive)
        .as("the broker-kill cell in its three views")
        .contains("cell invalid avail-some delay-never")
        .contains("<span class=\"view verdicts\"><span class=\"word\">invalid</span>")
        .contains(
            "<span class=\"view availability\"><span class=\"figure\">66.7%</span>"
                + "<span class=\"counts\">refused 4 of 12</span>")
        .contains(
            "<span class=\"view delay\"><span class=\"figure\">681 ms</span>"
                + "<span class=\"counts\">lost 1</span>");
    assertThat(between(index, "<style>", "</style>"))
        .as("the style sheet shows the view of the checked button")
        .contains("#view-availability:checked ~ #matrix .view.availability")
        .contains("#view-delay:checked ~ #matrix .view.delay")
        .contains("#view-verdicts:checked ~ #matrix .view.verdicts");
  }

  @Test
  void theRunPageShowsBothFigures() throws IOException {
    Report.write(runs, dir.resolve("report"));

    String naive = Files.readString(page("naive", "db-then-kafka", "broker-kill"));
    String section = between(naive, "<section id=\"trade-off\">", "</section>");
    assertThat(section)
        .contains("66.7%")
        .contains("the bank refused 4 of 12 requests: 4 failed, 0 unknown (info), 0 never answered")
        .contains("681 ms")
        .contains("from the end of the last fault that landed")
        .contains("1 never got there (lost 1)");
    String old = Files.readString(page("naive", "db-then-kafka", "bank-kafka-down"));
    assertThat(between(old, "<section id=\"trade-off\">", "</section>"))
        .contains("not measured: this run&#39;s verdict was written before the lab measured it");
    String noFault = Files.readString(page("outbox", "polling", "no-fault"));
    assertThat(between(noFault, "<section id=\"trade-off\">", "</section>"))
        .contains("the bank accepted all 30 requests")
        .contains("the run had no fault: nothing was held up");
  }

  @Test
  void summaryMarkdownListsEachFaultsRefusedAndDelayed() throws IOException {
    Report.write(runs, dir.resolve("report"));

    String md = Files.readString(dir.resolve("report/summary.md"));
    assertThat(md)
        .contains("## Refused or delayed")
        .contains(
            "| broker-kill | naive/db-then-kafka | refused 4 of 12 | 66.7% |"
                + " lost 1; the rest caught up 681 ms after the heal | ❌ lost 1 |")
        .contains(
            "| broker-kill | outbox/polling | accepted all 12 | 100% |"
                + " caught up 2.90 s after the heal | ✅ valid |")
        .contains("| bank-kafka-down | naive/db-then-kafka | — | — | lost 1 | ❌ lost 1 |")
        .doesNotContain("| no-fault | outbox/polling |");
  }

  // --- reading the pages ---

  private static JsonNode run(JsonNode results, String strategy, String scenario) {
    for (JsonNode run : results.path("runs")) {
      if (run.path("strategy").asText().equals(strategy)
          && run.path("scenario").asText().equals(scenario)) {
        return run;
      }
    }
    throw new AssertionError("no " + strategy + " run of " + scenario + " in " + results);
  }

  private Path page(String strategy, String variant, String scenario) throws IOException {
    try (var pages =
        Files.list(
            dir.resolve("report/runs").resolve(strategy).resolve(variant).resolve(scenario))) {
      return pages.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
    }
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from);
    assertThat(start).as("the page has " + from).isNotNegative();
    int end = text.indexOf(to, start);
    assertThat(end).as("and " + to + " after it").isPositive();
    return text.substring(start, end);
  }

  /** The table row whose first cell (a th) holds {@code name}. */
  private static String row(String table, String name) {
    for (String tr : table.split("<tr")) {
      int header = tr.indexOf("<th");
      if (header >= 0 && tr.indexOf(name, header) >= 0 && tr.contains("<td")) {
        String first = tr.substring(header, tr.indexOf("</th>", header) + "</th>".length());
        if (first.contains(">" + name + "<")) {
          return tr;
        }
      }
    }
    throw new AssertionError("no row for " + name + " in " + table);
  }

  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    Matcher td = Pattern.compile("<td(.*?)</td>", Pattern.DOTALL).matcher(row);
    while (td.find()) {
      cells.add(td.group(1));
    }
    return cells;
  }

  private static List<String> headers(String table) {
    List<String> headers = new ArrayList<>();
    Matcher th =
        Pattern.compile("<th(?:\\s[^>]*)?>(.*?)</th>")
            .matcher(between(table, "<thead>", "</thead>"));
    while (th.find()) {
      headers.add(th.group(1));
    }
    return headers;
  }

  /** The index of broker-kill among the matrix's scenario columns. */
  private static int scenarioColumn(String catalogue) {
    List<String> scenarios = new ArrayList<>();
    Matcher th =
        Pattern.compile("<span class=\"vertical\">(.*?)</span>")
            .matcher(between(catalogue, "<thead>", "</thead>"));
    while (th.find()) {
      scenarios.add(th.group(1));
    }
    return scenarios.indexOf("broker-kill");
  }
}
