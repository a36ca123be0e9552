package dualwrite.chaos.report;

import java.util.List;
import java.util.UUID;

/**
 * What happened to a transaction an anomaly hit, as the run page's table shows it: what its client
 * asked and was told, what the database holds, how many records and checks it had.
 */
record FateView(
    List<String> anomalies,
    UUID transactionId,
    String shortId,
    String request,
    String told,
    String toldAt,
    String error,
    String database,
    int records,
    int checks) {}
