package dualwrite.chaos.report;

import java.util.List;

record MatrixRow(String strategyHeader, String pair, String description, List<CellView> cells) {}
