package dualwrite.chaos.report;

import java.util.List;
import java.util.UUID;

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
