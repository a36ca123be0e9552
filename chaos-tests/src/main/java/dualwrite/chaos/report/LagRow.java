package dualwrite.chaos.report;

import java.util.List;

/** A p50 and a p99 each for recording, commit→publish, commit→check, a cell each. */
record LagRow(String pair, List<String> figures) {}
