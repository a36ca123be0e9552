package dualwrite.chaos.report;

import java.util.List;
import java.util.UUID;

/**
 * One transaction's message flow.
 *
 * @param svg the diagram, escaped by {@link FlowDiagram}: the page writes it as it is
 */
record FlowView(
    UUID transactionId, String request, List<String> anomalies, String stop, String svg) {}
