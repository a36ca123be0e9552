package dualwrite.chaos.report;

import java.util.List;

/**
 * @param availability {@code 50%}
 * @param counts the latest run's anomalies, {@code lost 1}
 * @param href null for a pair that never ran (or to which the scenario does not apply)
 */
record TradeOffCell(
    String customers,
    String availability,
    String availabilityTone,
    String fraudService,
    String delayTone,
    String word,
    List<String> counts,
    String href,
    String title) {}
