package dualwrite.chaos.report;

import java.util.List;

/** A row of the catalogue matrix: a strategy variant and its cell per scenario. */
record MatrixRow(String strategyHeader, String pair, String description, List<CellView> cells) {}
