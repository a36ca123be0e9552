package dualwrite.chaos.report;

import java.util.List;

/** A row of the front page's trade-off table: a fault, and a cell per variant. */
record TradeOffRow(String scenario, List<TradeOffCell> cells) {}
