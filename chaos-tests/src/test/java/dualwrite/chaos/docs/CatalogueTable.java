package dualwrite.chaos.docs;

import dualwrite.chaos.scenario.Catalogue;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fault catalogue as a Markdown table: one row per scenario, in the catalogue's order, with its
 * description and the nemesis's steps from the code, and a column written by hand, what the fault
 * is in production, which a regenerated table keeps by scenario name.
 */
final class CatalogueTable {

  static final String HEADER =
      "| scenario | what happens | how the lab injects it | in production |";
  static final String TO_WRITE = "(to write)";

  private CatalogueTable() {}

  /** The table for the catalogue, keeping the hand-written column of {@code current}. */
  static List<String> generate(List<String> current) {
    Map<String, String> production = productionColumn(current);
    List<String> table = new ArrayList<>();
    table.add(HEADER);
    table.add("|---|---|---|---|");
    for (Scenario scenario : Catalogue.all()) {
      table.add(
          "| `"
              + scenario.name()
              + "` | "
              + escape(scenario.description())
              + " | "
              + escape(injection(scenario))
              + " | "
              + production.getOrDefault(scenario.name(), TO_WRITE)
              + " |");
    }
    return table;
  }

  /** The scenarios whose production column is not written yet. */
  static List<String> unwritten(List<String> table) {
    return productionColumn(table).entrySet().stream()
        .filter(e -> e.getValue().isBlank() || e.getValue().equals(TO_WRITE))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The nemesis's steps, without waits of any kind: {@code crash(bank, after-db-commit #3),
   * restart(bank)}.
   */
  static String injection(Scenario scenario) {
    String relays = scenario.relays() > 1 ? scenario.relays() + " relays; " : "";
    String steps =
        scenario.steps().stream()
            .filter(Step::nemesis)
            .filter(
                s ->
                    !(s instanceof Step.Wait)
                        && !(s instanceof Step.AwaitClients)
                        && !(s instanceof Step.AwaitArmed)
                        && !(s instanceof Step.AwaitInSync))
            .map(s -> "`" + s.describe() + "`")
            .collect(Collectors.joining(", "));
    return steps.isEmpty() ? "nothing" : relays + steps;
  }

  private static Map<String, String> productionColumn(List<String> table) {
    Map<String, String> column = new LinkedHashMap<>();
    for (String row : table) {
      if (!row.startsWith("| `")) {
        continue;
      }
      String[] cells = row.split("(?<!\\\\)\\|", -1);
      if (cells.length >= 6) {
        column.put(cells[1].trim().replace("`", ""), cells[4].trim());
      }
    }
    return column;
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
