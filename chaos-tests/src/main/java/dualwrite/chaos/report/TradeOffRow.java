package dualwrite.chaos.report;

import java.util.List;

record TradeOffRow(String scenario, List<TradeOffCell> cells) {}
