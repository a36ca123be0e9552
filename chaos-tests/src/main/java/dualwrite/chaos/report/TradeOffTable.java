package dualwrite.chaos.report;

import java.util.List;

/**
 * Refused against delayed: a row per catalogue scenario with a fault, a column per variant that ran
 * any of them, each cell the latest run's customers and fraud service.
 */
record TradeOffTable(List<String> variants, int columns, List<TradeOffRow> rows) {}
