package dualwrite.chaos.docs;

import dualwrite.chaos.checker.Anomaly;
import java.util.ArrayList;
import java.util.List;

/** The checker's anomalies as a Markdown table: label, meaning, and whether one invalidates. */
final class AnomalyTable {

  private AnomalyTable() {}

  static List<String> generate() {
    List<String> table = new ArrayList<>();
    table.add("| anomaly | meaning | one of them makes the verdict invalid |");
    table.add("|---|---|---|");
    for (Anomaly anomaly : Anomaly.values()) {
      table.add(
          "| `"
              + anomaly.label()
              + "` | "
              + anomaly.meaning()
              + " | "
              + (anomaly.invalidates() ? "yes" : "no: allowed")
              + " |");
    }
    return table;
  }
}
